/** Text made safe for the HTML strings chart tooltips take (ECharts function formatters return HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
