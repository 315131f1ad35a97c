import type { ModelFile } from '../../model/model-file-types';
import type { GraphSpec, NodeSpec, TensorSpec, ValueInfoSpec } from './onnx-messages';
import { DataType } from './onnx-messages';

/** The batch dimension's symbolic name. */
export const BATCH_DIM = 'N';
export const INPUT_NAME = 'input';

/**
 * What the ONNX input is: one double per PREPARED feature column, in the model's featureNames
 * order, but on the RAW scale (double, not float: float32 keeps 7 digits, so a raw column such
 * as 1e9 ± 50, a timestamp or a sensor offset, would reach the model rounded to 64 and every
 * prediction would move). A numeric column is its raw value (NaN = missing, replaced by the
 * training mean as in the app); the scaling is inside the graph. A one-hot
 * column "color=red" is 1 when the raw category is "red", else 0 (all zeros = missing or unseen
 * category; a missing category is filled by the app with the step's fillCategory, so set that
 * indicator to reproduce it). A model of numeric columns only therefore takes its raw columns as
 * they are.
 */
export function describeOnnxInput(model: ModelFile): string {
  const parts = model.preprocessing.steps.map((step) =>
    step.kind === 'numeric'
      ? `${step.column} (raw number; NaN = missing)`
      : `${step.categories.map((c) => `${step.column}=${c}`).join(', ')} (0/1 indicators of ${step.column}${step.fillCategory !== undefined ? `; when missing, the app uses "${step.fillCategory}"` : ''})`,
  );
  return `double[N, ${model.featureNames.length}]: ${parts.join('; ')}`;
}

/**
 * The inference graph of a model, computed in float64 from the double input as the app computes
 * (class probabilities are given as float at the end):
 *   x = Where(IsNaN(input), fill, input)                         missing numbers -> training mean
 *   h = Relu(Gemm(x - c, W, b, transB = 1))                      all heads' neurons stacked
 *   s = MatMul(h, V)                                             V block-diagonal: one column per head
 * The scaling z = (x - c) / s: the center c is subtracted first, as the app does, and the scale
 * folds into the first layer: for neuron u (bias u0), u . z + u0 = sum_t (u_t / s_t)(x_t - c_t) + u0.
 * (Folding c into the bias too, u0 - sum_t u_t c_t / s_t, cancels: on a column of 1e14 ± 1 the
 * scores then moved by 0.005-0.02.)
 * Outputs (classification): label = classNames[argmax], probabilities n x K float;
 *   binary: V has a zero column first, so s = [0, f] and Softmax(2 s) = [1 - sigmoid(2f), sigmoid(2f)];
 *   one-vs-rest: sigmoid(2 s_c) normalized to sum to one (as predictWithHeads).
 * Regression: prediction = f, shape [N], double (float32 would round a prediction of 1e9 to 64).
 */
export function buildOnnxGraph(model: ModelFile): GraphSpec {
  const F = model.featureNames.length;
  const { W, b, center, fill } = foldFirstLayer(model);
  const M = b.length;
  const outputs = model.task === 'binary' ? 2 : model.task === 'multiclass' ? model.heads.length : 1;
  const V = outputMatrix(model, M, outputs);
  const initializers: TensorSpec[] = [
    doubleTensor('fill', [F], fill),
    doubleTensor('center', [F], center),
    doubleTensor('W', [M, F], W),
    doubleTensor('b', [M], b),
    doubleTensor('V', [M, outputs], V),
  ];
  const nodes: NodeSpec[] = [
    { opType: 'IsNaN', name: 'missing', inputs: [INPUT_NAME], outputs: ['is_missing'] },
    { opType: 'Where', name: 'fill_missing', inputs: ['is_missing', 'fill', INPUT_NAME], outputs: ['x'] },
    { opType: 'Sub', name: 'subtract_center', inputs: ['x', 'center'], outputs: ['x_centered'] },
    { opType: 'Gemm', name: 'first_layer', inputs: ['x_centered', 'W', 'b'], outputs: ['pre_activation'], attributes: { transB: { int: 1 } } },
    { opType: 'Relu', name: 'relu', inputs: ['pre_activation'], outputs: ['hidden'] },
    { opType: 'MatMul', name: 'output_layer', inputs: ['hidden', 'V'], outputs: ['scores'] },
  ];
  const input: ValueInfoSpec = { name: INPUT_NAME, elemType: DataType.DOUBLE, shape: [BATCH_DIM, F], docString: describeOnnxInput(model) };
  if (model.task === 'regression') {
    initializers.push(int64Tensor('flat_shape', [1], [-1]));
    nodes.push({ opType: 'Reshape', name: 'flatten', inputs: ['scores', 'flat_shape'], outputs: ['prediction'] });
    return {
      name: 'convexnet_regression',
      nodes,
      initializers,
      inputs: [input],
      outputs: [{ name: 'prediction', elemType: DataType.DOUBLE, shape: [BATCH_DIM], docString: 'predicted value' }],
    };
  }
  initializers.push(doubleScalar('two', 2), { name: 'class_names', dataType: DataType.STRING, dims: [model.classNames.length], strings: model.classNames });
  nodes.push({ opType: 'Mul', name: 'double_scores', inputs: ['scores', 'two'], outputs: ['logits'] });
  if (model.task === 'binary') {
    nodes.push({ opType: 'Softmax', name: 'binary_probabilities', inputs: ['logits'], outputs: ['probabilities_double'], attributes: { axis: { int: 1 } } });
  } else {
    initializers.push(int64Tensor('class_axis', [1], [1]));
    nodes.push(
      { opType: 'Sigmoid', name: 'head_probabilities', inputs: ['logits'], outputs: ['head_probabilities'] },
      { opType: 'ReduceSum', name: 'probability_total', inputs: ['head_probabilities', 'class_axis'], outputs: ['probability_total'], attributes: { keepdims: { int: 1 } } },
      { opType: 'Div', name: 'normalize', inputs: ['head_probabilities', 'probability_total'], outputs: ['probabilities_double'] },
    );
  }
  nodes.push(
    { opType: 'Cast', name: 'probabilities_to_float', inputs: ['probabilities_double'], outputs: ['probabilities'], attributes: { to: { int: DataType.FLOAT } } },
    // ArgMax keeps the first of equal scores: f = 0 gives class 0, as the app's 1[f > 0].
    { opType: 'ArgMax', name: 'best_class', inputs: ['scores'], outputs: ['label_index'], attributes: { axis: { int: 1 }, keepdims: { int: 0 } } },
    { opType: 'Gather', name: 'class_name', inputs: ['class_names', 'label_index'], outputs: ['label'], attributes: { axis: { int: 0 } } },
  );
  return {
    name: `convexnet_${model.task}`,
    nodes,
    initializers,
    inputs: [input],
    outputs: [
      { name: 'label', elemType: DataType.STRING, shape: [BATCH_DIM], docString: 'predicted class name' },
      { name: 'probabilities', elemType: DataType.FLOAT, shape: [BATCH_DIM, outputs], docString: `class probabilities in the order ${model.classNames.join(', ')}` },
    ],
  };
}

/**
 * First-layer weights W (M x F, row-major) with the scaling folded in and bias b (M), for inputs
 * x - center; the missing-value fill and the center per input (0 for indicators).
 */
export function foldFirstLayer(model: ModelFile): { W: Float64Array; b: Float64Array; center: Float64Array; fill: Float64Array } {
  const F = model.featureNames.length;
  const center = new Float64Array(F);
  const scale = new Float64Array(F).fill(1);
  const fill = new Float64Array(F);
  let column = 0;
  for (const step of model.preprocessing.steps) {
    if (step.kind === 'numeric') {
      center[column] = step.center;
      scale[column] = step.scale;
      fill[column] = step.fillValue;
      column++;
    } else column += step.categories.length; // indicators: identity, missing = all zeros
  }
  const M = model.heads.reduce((sum, head) => sum + head.hidden.rows, 0);
  const W = new Float64Array(M * F);
  const b = new Float64Array(M);
  let row = 0;
  for (const head of model.heads) {
    const d = head.hidden.cols; // F, or F + 1 with the bias input last
    for (let j = 0; j < head.hidden.rows; j++, row++) {
      for (let t = 0; t < F; t++) W[row * F + t] = head.hidden.data[j * d + t]! / scale[t]!;
      b[row] = model.bias ? head.hidden.data[j * d + F]! : 0;
    }
  }
  return { W, b, center, fill };
}

/** M x outputs output weights: binary puts the head in column 1 (column 0 stays zero), one-vs-rest head c in column c. */
function outputMatrix(model: ModelFile, M: number, outputs: number): Float64Array {
  const V = new Float64Array(M * outputs);
  let row = 0;
  for (const head of model.heads) {
    const column = model.task === 'binary' ? 1 : model.task === 'multiclass' ? head.classIndex! : 0;
    for (let j = 0; j < head.hidden.rows; j++, row++) V[row * outputs + column] = head.output[j]!;
  }
  return V;
}

function doubleTensor(name: string, dims: number[], values: Float64Array): TensorSpec {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true); // ONNX raw_data is little-endian
  return { name, dataType: DataType.DOUBLE, dims, rawData: bytes };
}

function doubleScalar(name: string, value: number): TensorSpec {
  return { ...doubleTensor(name, [], Float64Array.of(value)), dims: [] };
}

function int64Tensor(name: string, dims: number[], values: number[]): TensorSpec {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dataType: DataType.INT64, dims, rawData: bytes };
}
