/**
 * The browser side of the pool heatmap panel (../heatmapPanel.ts). Talks to the host only through the typed,
 * validated messages of src/heatmap/heatmapProtocol.ts; renders with DOM APIs and a canvas, never host HTML.
 */
import { parseHeatmapHostMessage, type HeatmapWebviewMessage } from '../../../heatmap/heatmapProtocol';
import { HeatmapPage } from './heatmapPage';
import './heatmap.css';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: HeatmapWebviewMessage) => vscode.postMessage(message);

document.addEventListener('securitypolicyviolation', (e) => {
  post({ type: 'cspViolation', directive: e.violatedDirective, blocked: String(e.blockedURI || e.sample || '?') });
});

const page = new HeatmapPage(document.getElementById('app')!, post);

window.addEventListener('message', (event: MessageEvent) => {
  const arrived = performance.now();
  const message = parseHeatmapHostMessage(event.data);
  if (!message) {
    console.warn('heatmap: dropped a malformed message from the host', typeof event.data === 'object' ? (event.data as { type?: unknown })?.type : event.data);
    return;
  }
  if (message.type === 'init') {
    vscode.setState({ poolId: message.poolId, accountKey: message.accountKey }); // what the serializer reopens after a reload
  }
  page.handle(message, arrived);
});

// Handshake: the host queues its messages until this.
post({ type: 'ready' });
