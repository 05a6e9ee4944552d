"""Patient-education kiosk: a touch-screen guide to inotuzumab ozogamicin (Besponsa)."""

__version__ = "0.1.0"
