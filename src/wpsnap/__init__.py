"""wpsnap: a workbench for building and running a WPS National Action Plan."""

__version__ = "0.1.0"
