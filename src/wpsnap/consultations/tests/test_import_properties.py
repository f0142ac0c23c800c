"""Property-based tests (hypothesis) for the header / group-path parser and value normalisers."""

import string

from hypothesis import given
from hypothesis import strategies as st

from wpsnap.consultations.importing.headers import (
    SEPARATORS,
    Column,
    canonical_key,
    find_column,
    resolve_columns,
    split_header,
)
from wpsnap.consultations.importing.values import (
    age_band,
    clean_text,
    fold,
    looks_like_legacy_khmer,
    sex,
    statement_language,
)
from wpsnap.consultations.models import Participant

# XLSForm names: a letter or underscore, then letters, digits, underscores (no separators)
names = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
paths = st.lists(names, min_size=1, max_size=4)


@given(paths, st.sampled_from(SEPARATORS))
def test_split_header_recovers_the_path(parts, sep):
    header = sep.join(parts)
    assert split_header(header, sep) == parts
    assert canonical_key(header, sep) == "/".join(parts)


@given(st.text(min_size=1, max_size=40), st.sampled_from((None, *SEPARATORS)))
def test_split_header_never_yields_empty_segments(header, sep):
    parts = split_header(header, sep)
    assert parts
    if header.strip():
        assert all(p for p in parts)


@given(paths, st.sampled_from(SEPARATORS), st.booleans())
def test_mapping_reference_resolves_with_or_without_groups(parts, sep, groups_in_headers):
    header = sep.join(parts) if groups_in_headers else parts[-1]
    headers = [header, "_uuid", "meta-instanceID" if sep == "-" else "_id"]
    columns = resolve_columns(headers)
    # the group path, with "/" or the file's separator, and the bare name all find it
    for ref in ("/".join(parts), sep.join(parts), parts[-1]):
        hits = find_column(columns, ref)
        assert [c.header for c in hits] == [header], (ref, headers)


@given(st.lists(names, min_size=2, max_size=5, unique=True), names)
def test_ambiguous_names_are_reported_not_guessed(groups, name):
    columns = [Column(index=i, header=f"{g}/{name}", key=f"{g}/{name}")
               for i, g in enumerate(groups)]
    assert len(find_column(columns, name)) == len(groups)


@given(st.integers(min_value=0, max_value=120))
def test_every_age_has_one_band(age):
    band = age_band(str(age))
    assert band in Participant.AgeBand.values and band != "unknown"
    assert age_band(f"{age}.0") == band
    expected = ("under_18" if age < 18 else "18_24" if age <= 24 else "25_34" if age <= 34
                else "35_44" if age <= 44 else "45_59" if age <= 59 else "60_plus")
    assert band == expected


@given(st.sampled_from(["18-24", "18 – 24", "18 to 24", "18_24", "25-34", "35-44", "45-59",
                        "60+", "60 and over", "under 18", "<18"]))
def test_band_labels(label):
    assert age_band(label) in Participant.AgeBand.values


@given(st.sampled_from(["female", "F", " Woman ", "WOMEN", "ស្រី", "girl"]),
       st.sampled_from(["", " ", "  "]))
def test_sex_synonyms_ignore_case_and_spaces(word, pad):
    assert sex(pad + word + pad) == "female"


@given(st.text(max_size=30))
def test_normalisers_never_crash_and_stay_in_vocabulary(text):
    assert sex(text) in (None, *Participant.Sex.values)
    assert age_band(text) in (None, *Participant.AgeBand.values)


@given(st.text(alphabet=string.ascii_letters + " -_", max_size=20))
def test_fold_ignores_case_spaces_hyphens(text):
    assert fold(text) == fold(text.upper().replace(" ", "-"))
    assert fold(text) == fold(text.replace("_", " "))


def test_fold_khmer_variants():
    assert fold("ឧត្ដរមានជ័យ") == fold("ឧត្តរមានជ័យ")
    assert fold("កណ្ដាល") == fold("កណ្តាល")
    assert fold("ពោធិ៍សាត់") == fold("ពោធិសាត់")


@given(st.text(max_size=50))
def test_clean_text_has_no_carriage_returns(text):
    cleaned = clean_text(text.replace("\n", "_x000D_\n"))
    assert "\r" not in cleaned and "_x000D_" not in cleaned


@given(st.lists(st.sampled_from(["the", "women", "market", "need", "light", "at", "night",
                                 "police", "don't", "well-known", "U.S.", "road,"]),
                min_size=3, max_size=15))
def test_plain_english_is_not_legacy_khmer(words):
    assert not looks_like_legacy_khmer(" ".join(words))


@given(st.text(max_size=60) | st.lists(st.sampled_from(["ស្ត្រី", "women", " ", "១២", "12", "។",
                                                         "ភ្លើង", "light", "é"]),
                                        max_size=12).map("".join))
def test_statement_language_agrees_with_detect_language(text):
    from wpsnap.core.text import detect_language

    assert statement_language(text) == (detect_language(text) or "other")
