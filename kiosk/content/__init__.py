"""The guide's content: loading, validating and grading it. No Qt in this package."""

from kiosk.content.loader import ContentError, load_guide
from kiosk.content.model import PRESCRIBING_INFORMATION, Action, Guide, Screen, Severity, Sign, Topic

__all__ = ["Action", "ContentError", "Guide", "PRESCRIBING_INFORMATION", "Screen", "Severity", "Sign", "Topic",
           "load_guide"]
