import { PlaceholderPage } from "@/components/shell/placeholder";

export default function Page() {
  return <PlaceholderPage section="products" />;
}
