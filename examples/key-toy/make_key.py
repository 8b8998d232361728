# The last cell of the TA's solution notebook: the answers in submission
# shape, one key per seed. json.dump writes NaN and Infinity as Python does,
# and nngrade reads them. Run: python3 examples/key-toy/make_key.py
import json
from pathlib import Path

import numpy as np

x = np.array([[1.0, 2.0], [0.0, 1.0]])
W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
w = np.array([3.0, 4.0])
for seed, accuracy in enumerate([0.91, 0.92, 0.905]):  # each seed's trained accuracy
    key = {
        "answers": {
            "q1": {
                "W": W.tolist(),
                "z": (x @ W).tolist(),
                "log_of_zero_loss": float("nan"),  # the handout asks for log(0) * 0: undefined (NaN)
                "margin": 1 / float(np.linalg.norm(w)),
            },
            "q2": {"val_accuracy": accuracy},
        },
        # other accepted answers, for "oneof" items: by task, answer path, then id
        "alternatives": {"q1": {"margin": {"one-over-norm": 1 / float(np.linalg.norm(w)), "two-over-norm": 2 / float(np.linalg.norm(w))}}},
    }
    with open(Path(__file__).with_name(f"key-seed{seed}.json"), "w") as f:
        json.dump(key, f, indent=1)
