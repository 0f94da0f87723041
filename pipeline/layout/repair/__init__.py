"""Repairs of what layout broke: cell text split over a border or spilled into the next
cell, numbers and units misread, OCR'd eras and labels."""
