"""crosswalk: query the MAPLE crosswalk between the Massachusetts leadership standards and the
JFF/CCSSO leadership competencies."""

__version__ = "0.1.0"
