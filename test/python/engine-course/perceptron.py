"""A classifier in plain numpy whose predictions and accuracy are engine items: judged by nngrade's evaluators from data."""
import numpy as np


def points():
    # two noisy clusters, 60 points: students get them with the handout
    rng = np.random.RandomState(7)
    X = np.vstack([rng.normal(-1.0, 1.0, (30, 2)), rng.normal(1.0, 1.0, (30, 2))])
    y = np.array([0] * 30 + [1] * 30)
    return X, y


def inputs(seed=None):
    return {"fit": {"seeds": [0, 1, 2, 3, 4, 5], "epochs": 20, "lr": 0.1}}


def datasets():
    X, y = points()
    return [{"name": "clusters", "description": "two noisy clusters", "features": X.tolist(), "labels": y.tolist()}]


def run(seed, epochs, lr):
    X, y = points()
    rng = np.random.RandomState(seed)
    w, b = rng.normal(scale=0.1, size=2), 0.0
    for _ in range(epochs):
        for i in rng.permutation(len(y)):
            p = 1 / (1 + np.exp(-(X[i] @ w + b)))
            w -= lr * (p - y[i]) * X[i]
            b -= lr * (p - y[i])
    predictions = ((X @ w + b) > 0).astype(int)
    return predictions, float(np.mean(predictions == y))


def solve_fit(inputs, upstream):
    runs = [run(seed, inputs["epochs"], inputs["lr"]) for seed in inputs["seeds"]]
    accuracies = [r[1] for r in runs]
    _, y = points()
    judged = {"samples": accuracies, "band": {"floor": 0.05}, "partial_below": 0.2, "partial_credit": 0.5, "above": "fail"}
    labels = {"labels": y.tolist(), "classes": 2, "set": "the training set"}
    evaluations = {
        "predictions": {"evaluator": "predictions", "data": {**judged, **labels}},
        "accuracy": {"evaluator": "reported-accuracy", "data": {**judged, **labels, "predictions": "fit.predictions", "agree_within": 0.001}},
    }
    # the predictions are one label per point, not steps of anything: a report draws them as dots, named here for the test
    curves = {"predictions": {"x": "point", "y": "label"}}
    return {"predictions": runs[0][0], "accuracy": runs[0][1]}, {"evaluations": evaluations, "curves": curves}
