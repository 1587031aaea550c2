"""Display labels for the engine's data set names; the engine keys stay the source of truth."""

from engine.dataset import DATASET_NAMES

DATASET_LABELS = {
    "blobs": "Blobs (easy, separable)",
    "moons": "Moons",
    "circles": "Circles",
    "xor": "XOR",
    "spiral": "Spiral",
    "gaussian": "Gaussian (overlapping)",
    "line": "Line (one feature, logistic regression)",
    "breast_cancer": "Breast cancer (569 × 30, real)",
    "digits": "Digits: one digit vs the rest (1,797 × 64, real)",
    "csv": "CSV file…",
}

# What the closed combo box shows, so a narrow dock stays readable.
DATASET_SHORT_LABELS = {
    "blobs": "Blobs",
    "gaussian": "Gaussian",
    "line": "Line (1 feature)",
    "breast_cancer": "Breast cancer (real)",
    "digits": "Digits k vs rest (real)",
    "csv": "CSV file",
}

DATASET_TOOLTIPS = {
    "blobs": "Two clouds far apart: even a single straight line separates them.",
    "moons": "Two interleaving half circles: needs a curved boundary.",
    "circles": "A ring around a disc: no straight line can separate them.",
    "xor": "Opposite quadrants share a class: logistic regression fails, one hidden layer succeeds.",
    "spiral": "Two intertwined spiral arms: a hard task that needs a bigger network.",
    "gaussian": "Two overlapping clouds: some points can never be classified right.",
    "line": "One feature x, two overlapping classes along it: the seeds' P(Y = 1) = "
            "σ(β0 + β1 x), trained with layers 1,1.",
    "breast_cancer": "Real measurements of 569 tumours (30 features): malignant (1) or benign (0).",
    "digits": "Real 8×8 handwritten digits (64 pixels): is it digit k (1) or another digit (0)?",
    "csv": "Your own table of numbers with a label column.",
}


def dataset_label(name):
    """The label shown for engine data set ``name`` (the name itself if none is known)."""
    return DATASET_LABELS.get(name, name)


def dataset_short_label(name):
    """The short label shown in the closed combo box."""
    return DATASET_SHORT_LABELS.get(name, dataset_label(name))


def dataset_names():
    """Every engine data set name, in the engine's order."""
    return tuple(DATASET_NAMES)
