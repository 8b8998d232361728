/**
 * What each built-in assignment asks, in words: the setting its tasks share
 * and each task's statement. docs/assignments.md (src/docs/assignments.ts)
 * puts these beside what the code says — the handout's inputs, the answer
 * keys with their kinds and how each is compared, the points, the
 * conventions — so the numbers are never written twice: a statement names
 * its inputs (`labels`, `lr`) and the page prints their values from the
 * reference. The generator refuses an assignment or a task without a
 * statement here, and a statement for a task that does not exist.
 */

export interface Handout {
  /** the model, data and definitions every task of the assignment shares (Markdown) */
  setting: string;
  /** each task's statement, by task id (Markdown) */
  tasks: Record<string, string>;
}

export const HANDOUTS: Record<string, Handout> = {
  "acml-autoencoder": {
    setting: [
      "The 8-3-8 autoencoder: one-hot inputs of 8 classes, target = input, a sigmoid hidden layer of 3 units and",
      "a sigmoid output layer of 8, in the column convention `z = W x + b` (`W1` is 3x8, `W2` is 8x3). The loss is",
      "`J = 1/m sum 1/2 ||h(x) - y||^2 + lambda/2 (sum W1^2 + sum W2^2)` (weights only, not biases). Every run",
      "starts from `np.random.seed(seed)`, `W1 = np.random.normal(0, 0.1, (3, 8))`, `W2 = np.random.normal(0, 0.1, (8, 3))`",
      "and zero biases, and trains full batch in sample order unless a task says otherwise. A loss is `J` after an",
      "iteration's update, penalty included; `iterations_to_0_1` is the first iteration (counted from 1) after",
      "which `J < 0.1`, or null when none is.",
    ].join("\n"),
    tasks: {
      a1: "Train the network with `lambda` and `alpha` (the learning rate) for `iterations` iterations. Hand in the trained `weights` (`W1`, `b1`, `W2`, `b2`) and the `final_loss` they give.",
      a2: "Weight decay: train with `alpha` for `iterations` iterations once for each lambda in `lambdas`. Hand in each run's `final_loss` and `iterations_to_0_1`, in the order of `lambdas`.",
      a3: "The k and the k-1 encodings: the k-1 encoding drops the first class's 1 (class 0 is all zeros, 7 input and output features). Hand in the number of trainable parameters of each network (`params_k`, `params_k_minus_1`) and each one's final loss after training with `alpha` and `lambda` for `iterations` iterations.",
      a4: "Learning rate: train with `lambda` for at most `iterations` iterations once for each alpha in `alphas`. Hand in `iterations_to_0_1` of each run, in the order of `alphas` (null where the loss never falls below 0.1).",
      a5: "Batch size: train with `lambda` and `alpha` for `epochs` epochs once for each batch size in `batches`, the 8 samples shuffled with `np.random.permutation(8)` every epoch (the same stream, after the weights). Hand in each run's `final_loss`, in the order of `batches`.",
      a6: "The hidden codes of the a1 model: the 3 hidden activations for each of the 8 one-hot inputs, one row per input class, computed from your own a1 weights.",
    },
  },
  "cse343-nn-from-scratch": {
    setting: "A neural network by hand, two linear SVM questions, and an MNIST grid of activations and weight initialisations.",
    tasks: {
      s1: [
        "Backpropagation by hand on the network `z1 = w1 x + b1`, `a1 = relu(z1)`, `z2 = w2 a1 + b2`, `a2 = z2`,",
        "`L = 1/2 (a2 - y)^2`, starting from the parameters in `start`: one SGD step with learning rate `eta` per sample (x, y)",
        "of `samples`, in that order. For each step hand in the forward values, the loss, the four gradients and the",
        "parameters after the step.",
      ].join(" "),
      s2: [
        "A given hyperplane `w . x + b = 0` and four points (P1 to P4, in the order of `points`): hand in the margin",
        "(the distance from the hyperplane to its nearest points), the support vectors by their point number (1-based)",
        "and the class (+1 or -1) of the point `query`.",
      ].join(" "),
      s3: [
        "The maximum-margin hyperplane of the labelled points `points`: hand in `w` and `b` in the canonical scale (the",
        "support vectors lie on `w . x + b = +-1`), the support vectors by their letters, and the margin.",
      ].join(" "),
      s4: [
        "Train a network with hidden layers `hidden` and a softmax output on the assignments' MNIST split",
        "(`npx nngrade data export cse343-nn-from-scratch`) with SGD, learning rate `learningRate`, batch `batchSize`, for",
        "`epochs` epochs, once for each activation in `activations` (leaky ReLU with slope `leakySlope`) and each",
        "initialisation in `inits` (`initRecipes` says how each draws the weights). Hand in the training and validation",
        "accuracy of each of the 12 runs, in the order `order` says.",
      ].join(" "),
    },
  },
  "hlcv-two-layer-net": {
    setting: [
      "The two-layer network of the handout's toy problem, in numpy's terms: `np.random.seed(0)`, then",
      "`W1 = 0.1 * randn(4, 10)`, `b1 = 0`, `W2 = 0.1 * randn(10, 3)`, `b2 = 0`; `np.random.seed(1)`, then",
      "`X = 10 * randn(5, 4)`, `y = [0, 1, 2, 2, 1]` (the inputs' `toy` names these seeds and sizes). A ReLU hidden",
      "layer and a softmax output; loss = mean cross-entropy + `reg * (sum W1^2 + sum W2^2)`.",
    ].join("\n"),
    tasks: {
      e1: "The forward pass with regularisation strength `reg`: hand in the softmax probabilities `scores` (one row per sample) and the `loss`.",
      e2: "The backward pass with `reg`: hand in the analytic gradients of the loss with respect to `W1`, `b1`, `W2` and `b2`, and the relative error of each against a numerical gradient (centred differences with step `h`).",
      e3: [
        "Training on the toy set: rebuild the model (seed 0 again), then `numIters` iterations of SGD with learning",
        "rate `learningRate`, multiplied by `learningRateDecay` after every iteration, regularisation `reg`, each batch of",
        "`batchSize` drawn with `np.random.choice(5, batchSize)` from the same stream. Hand in the loss of every",
        "iteration (`loss_history`) and the last one (`final_loss`).",
      ].join(" "),
      e4: [
        "Capacity on the assignments' MNIST split (`npx nngrade data export hlcv-two-layer-net`): one hidden ReLU layer",
        "of each width in `hiddenSizes` (`hidden_sweep`), then each number in `depths` of hidden layers of `depthUnits`",
        "units (`depth_sweep`); SGD with momentum `optimizer.mu`, learning rate `learningRate`, batch `batchSize`, `epochs`",
        "epochs, no regularisation, initialised as `weightsRecipe` says. Hand in the",
        "validation accuracy of each network after the last epoch, as a fraction.",
      ].join(" "),
    },
  },
  "hw3b-hyperparameter-optimization": {
    setting: [
      "A two-class, two-dimensional data set nngrade generates from a seed: two interleaved moons with noise, 1,000",
      "training and 500 validation points, classes balanced (`npx nngrade data export hw3b-hyperparameter-optimization`).",
      "The base model (`model` in the inputs): 2 hidden tanh layers of 10 units, softmax output with cross-entropy,",
      "SGD with batch 32 for 100 epochs at learning rate 0.1, every weight and bias drawn from N(0, sigma^2) with",
      "sigma^2 = 0.5. A run draws each layer's weights and then its biases, layer by layer, from `RandomState(seed)`,",
      "then per epoch shuffles with `rng.permutation(1000)` and takes batches in that order (the last one smaller); a curve is",
      "the mean cross-entropy of the whole training or validation set after each epoch.",
    ].join("\n"),
    tasks: {
      t1: "Zero initialisation: the base model with every weight and bias 0. Hand in the validation accuracy, the training loss curve, the validation confusion matrix (rows the true class) and whether all hidden units of a layer stay identical.",
      t2: "A heatmap of validation accuracy over learning rate and initialisation: the base model for each lr in [1e-4, 1e-3, 1e-2, 1e-1, 1] (rows) and each sigma^2 in [0, 0.1, ..., 1.0] (11 columns), weights and biases from N(0, sigma^2).",
      t3: "The hidden activations of the best and the worst trainable cell of your own t2 heatmap (trainable: sigma^2 > 0): hand in the cells (`lr`, `sigma2`) and, for each, at initialisation, half way and at the end of training (epochs 0, 50 and 100), per hidden layer the mean absolute activation and the share of activations with absolute value above 0.9, on the validation set.",
      t4: "A hyperparameter search of your own: at least 10 trials over learning rate, number of hidden layers, units per layer (all hidden layers alike), activation, batch size and sigma^2, each trained for 100 epochs with SGD. Hand in the trials with their validation accuracies, the index of the best one, the training and validation loss curves of the best and the worst trial, and a diagnosis of the worst (overfitting, underfitting or a good fit).",
    },
  },
  "hw4-hyperparameters": {
    setting: [
      "A dense layer with softmax worked by hand, a quartic objective minimised by gradient descent and Adam, and",
      "softmax regression on MNIST. The objective of q4 to q8 is",
      "`J(w) = 1/4 h^4 - (r1 + r2)/3 h^3 + (r1 r2)/2 h^2` with `h = x w`, its inputs' `objective` giving `x`, `r1` and",
      "`r2` (the handout's `x = 1`, `r1 = 1`, `r2 = 3`: `J(w) = 1/4 w^4 - 4/3 w^3 + 3/2 w^2`).",
    ].join("\n"),
    tasks: {
      q1: "One-hot encode `labels` with `classes` classes: one row per label.",
      q2: "The forward pass of a dense layer and a softmax: `z = X W + b`, one sample per row of `X`, and `yhat`, the softmax of each row of `z`.",
      q3: "The backward pass of q2's network with cross-entropy, `targets` the true class of each row of `X`: the gradient with respect to `z` (`yhat - Y` per sample; the averaged `(yhat - Y)/N` is accepted too) and the gradients of the loss averaged over the samples with respect to `W` and `b`.",
      q4: "The objective's gradient dJ/dw at each point of `probes`, its extrema (the minima and maxima), J at each extremum in ascending order of w, and the kind of each (`min` or `max`), in the same order.",
      q5: "J at `points` evenly spaced values of w from `from` to `to` (numpy's `linspace`), for a plot.",
      q6: "Gradient descent with learning rate `lr` for `epochs` epochs from each starting point in `starts`: for each run its start, the final w, the final J and J after every epoch.",
      q7: "Gradient descent from `w0` for `epochs` epochs with each learning rate in `rates`: for each run its learning rate, the final w and J, whether it diverged, and J after every epoch.",
      q8: "Adam from `w0` with step size `eta`, decay rates `rho1` and `rho2` and `delta` for `epochs` epochs: J after every epoch, the final w and the final J.",
      q9: "Softmax regression on the assignments' MNIST split (`npx nngrade data export hw4-hyperparameters`), trained with the settings the inputs give: the training and validation accuracy, the training and validation loss after every epoch, and the predicted label of every validation digit.",
    },
  },
};
