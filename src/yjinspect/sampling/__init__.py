"""The eligible case population, its eligibility windows and the balanced case sample."""
