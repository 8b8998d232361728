import { readFileSync } from "node:fs";

type Matrix = number[][];
interface Tolerance {
  rtol: number;
  atol: number;
}

/** Written by make_pattern_cases.py (numpy): curves, scores and labels with their typical slips. */
export interface PatternCases {
  tolerance_curve: Tolerance;
  tolerance_yhat: Tolerance;
  tolerance_scores: Tolerance;
  hw4_q5: { J: number[]; J_grid_from_minus_2_1: number[]; J_grid_from_minus_1_9: number[] };
  hw4_q6_runs: {
    w0: number;
    J: number[];
    J_before_update: number[];
    J_first_epoch_missing: number[];
    J_first_epoch_missing_101_epochs: number[];
  }[];
  hw4_z: Matrix;
  hw4_z_plus_row_constants: Matrix;
  hw4_yhat: Matrix;
  hlcv_e1_logits: Matrix;
  hlcv_e1_scores: Matrix;
  acml_preactivations: Matrix;
  acml_hidden_codes: Matrix;
  cse343_s2_support_vectors: number[];
  hw4_q1_labels: number[];
  predictions: number[];
}

export const patterns: PatternCases = JSON.parse(readFileSync(new URL("./pattern-cases.json", import.meta.url), "utf8"));
