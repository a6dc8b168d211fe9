import type { MetadataRoute } from "next";

// The installable operator app (README "Offline station entry"): opens on the station entry page, standalone.
// Public, like the icon: it names the app, nothing else. In Chinese, the county's language; the pages follow the user's.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "融水县电子商务公共服务中心 · 服务站录入",
    short_name: "服务站录入",
    description: "服务站离线录入：收入、销售、培训、困难上报，联网后自动同步。",
    lang: "zh-CN",
    start_url: "/offline",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0f5132",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}
