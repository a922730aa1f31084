"""The one PDF layer: paper sizes, fonts, the letterhead and the page template every printed document shares."""
