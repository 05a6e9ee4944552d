"""Staff only: the admin PIN, `kiosk set-pin`, and the admin screen's data."""
