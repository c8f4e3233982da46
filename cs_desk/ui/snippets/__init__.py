"""The knowledge-snippet picker (quick replies) opened from the composer."""
