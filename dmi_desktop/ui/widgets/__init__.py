"""Small reusable widgets of the shell (passphrase field, strength meter, shake animation)."""
