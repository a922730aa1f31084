"""The meetings area: calendar, agenda, meeting page with attendance, venues and contacts."""
