// Heavy and rarely used: loaded lazily on purpose, registers no hooks (nothing to hoist).
export function renderInvoice(orderId: string) {
  return `%PDF invoice ${orderId}`;
}
