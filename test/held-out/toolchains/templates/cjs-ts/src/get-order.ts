// getOrder function: shares the db module (and its hooks) with createOrder.
import { getOrder } from './db';

export const handler = async (event: { orderId?: string }) => {
  const { formatOrder } = await import('./format');
  return formatOrder(await getOrder(event.orderId ?? 'none'));
};
