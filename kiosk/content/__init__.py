"""The guide's content: loading, validating and grading it. No Qt in this package."""

from kiosk.content.loader import ContentError, load_guide
from kiosk.content.model import PRESCRIBING_INFORMATION, Guide, Screen, Severity, Topic

__all__ = ["ContentError", "Guide", "PRESCRIBING_INFORMATION", "Screen", "Severity", "Topic", "load_guide"]
