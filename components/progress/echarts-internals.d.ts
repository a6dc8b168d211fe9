// echarts ships no type declarations for its internal modules; ./echarts.ts only hands these classes to ECharts' own
// registerComponentModel / registerComponentView.
declare module "echarts/lib/component/toolbox/ToolboxModel.js" {
  const ToolboxModel: typeof import("echarts/core").ComponentModel;
  export default ToolboxModel;
}
declare module "echarts/lib/component/toolbox/ToolboxView.js" {
  const ToolboxView: typeof import("echarts/core").ComponentView;
  export default ToolboxView;
}
