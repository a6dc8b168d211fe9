// The parts of Apache ECharts the dashboard uses, registered once. Imported lazily by ./chart.tsx (a dynamic import
// after the page has painted), so the library is its own chunk and never delays the figures. SVG renderer: crisp at
// any zoom, prints as vectors, and needs no eval (the app's CSP allows none).
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
// The toolbox without its stock features: ToolboxComponent would also install data zoom, brush, data view and magic
// type (~46 kB minified) for the one button we use, our own "save as PNG" (a user feature, see ./chart.tsx).
// echarts is pinned to an exact version (package.json), so these internal paths cannot move under us.
import ToolboxModel from "echarts/lib/component/toolbox/ToolboxModel.js";
import ToolboxView from "echarts/lib/component/toolbox/ToolboxView.js";

type Registers = { registerComponentModel(m: typeof ToolboxModel): void; registerComponentView(v: typeof ToolboxView): void };
const Toolbox = (registers: Registers) => {
  registers.registerComponentModel(ToolboxModel);
  registers.registerComponentView(ToolboxView);
};

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, Toolbox, SVGRenderer]);

export { echarts };
