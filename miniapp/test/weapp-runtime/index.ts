/**
 * The weapp runtime harness: the real Taro weapp build in a Node `vm` with WeChat faked.
 * See docs/weapp-harness.md.
 */
export { BUDGETS, budgetViolations, pageFigures, type Budgets, type PageFigures } from './budgets';
export type {
  MediaCall,
  ModalRecord,
  RealtimeLogRecord,
  ScriptedRequest,
  ScriptedResponse,
  SubscribeAnswer,
  ToastRecord,
  WxScript,
} from './fake-wx';
export {
  DEFAULT_DIST,
  WeappRuntime,
  type LaunchOptions,
  type PageVisit,
  type Problem,
  type RequestRecord,
  type SetDataRecord,
  type TabItem,
} from './runtime';
export { imageInfo, LocalFiles } from './files';
export { textOf, type WxNode } from './tree';
