/** What a channel tells the metrics about its calls to the chat app's API (labels only, no personal data). */
export interface ChannelMetrics {
  /** One call ended: `outcome` is "ok" or a short failure code ("429", "-216", "network"…). */
  apiCall(channel: string, method: string, outcome: string): void;
  /** A token refresh ended (Zalo). */
  tokenRefresh(channel: string, outcome: 'ok' | 'refused' | 'failed'): void;
}
