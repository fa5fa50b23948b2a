"""Text processing: cleaning web chrome, segmentation, language identification, morphology."""
