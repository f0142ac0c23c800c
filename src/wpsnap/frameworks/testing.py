"""Helpers for tests of other apps (e.g. the authorization matrix in core)."""


def url_values(plan) -> dict:
    """Load the reference library, give `plan` a national Framework with one item, and return
    values for every URL keyword of `frameworks.urls` and `frameworks.plan_urls`."""
    from .services import load_reference, save_plan_framework, save_plan_item

    load_reference()
    framework = save_plan_framework(plan, key="matrix-national", title_en="Matrix framework")
    item = save_plan_item(plan, framework, key="M1", label_en="Matrix item")
    return {
        "framework_key": "unscr-wps",
        "item_key": "UNSCR-2467",
        "issue_key": "landmines-erw",
        "framework_id": framework.pk,
        "framework_item_id": item.pk,
    }
