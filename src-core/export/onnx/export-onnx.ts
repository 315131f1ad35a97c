import type { ModelFile } from '../../model/model-file-types';
import { modelCertificate } from '../model-certificate';
import { buildOnnxGraph, describeOnnxInput } from './onnx-graph';
import { encodeModel } from './onnx-messages';

/** ONNX IR version 7 (ONNX 1.8) with the default-domain opset 13. */
export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
/** Metadata key holding the whole model JSON, so our ONNX files can be imported back. */
export const MODEL_JSON_METADATA_KEY = 'convexnet.model_json';

export interface OnnxExportOptions {
  /** e.g. "0.1.0": the version of the app exporting. */
  readonly appVersion: string;
}

/** The model as an ONNX file (bytes). See buildOnnxGraph for the graph and its input. */
export function exportOnnx(model: ModelFile, options: OnnxExportOptions): Uint8Array {
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'ConvexNet Studio',
    producerVersion: options.appVersion,
    docString: `Two-layer ReLU network (${model.task}) trained by ConvexNet Studio with ${model.solver}. Input: ${describeOnnxInput(model)}.`,
    graph: buildOnnxGraph(model),
    metadata: onnxMetadata(model, options),
  });
}

/** metadata_props: app version, solver, beta, epsilon, certificate, input description and the model JSON. */
export function onnxMetadata(model: ModelFile, options: OnnxExportOptions): [string, string][] {
  const certificate = modelCertificate(model);
  const adversarial = model.adversarial;
  return [
    ['app_version', options.appVersion],
    ['producer', model.producer ?? 'unknown'],
    ['task', model.task],
    ['solver', model.solver],
    ['formulation', model.formulation],
    ['loss', model.loss],
    ['beta', String(model.beta)],
    // Adversarial radius of robust training ("none" for standard training), its norm and units.
    ['epsilon', adversarial ? String(adversarial.epsilon) : 'none'],
    ...(adversarial ? ([['epsilon_norm', adversarial.norm], ['epsilon_units', adversarial.units]] as [string, string][]) : []),
    ['certificate', certificate.text],
    ['relative_gap', certificate.relativeGap === null ? 'none' : String(certificate.relativeGap)],
    ['lower_bound', certificate.lowerBound === null ? 'none' : String(certificate.lowerBound)],
    ['objective', certificate.objective === null ? 'none' : String(certificate.objective)],
    ['class_names', JSON.stringify(model.classNames)],
    ['input_features', JSON.stringify(model.featureNames)],
    ['input_description', describeOnnxInput(model)],
    [MODEL_JSON_METADATA_KEY, JSON.stringify(model)],
  ];
}
