import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { openInspectionQueues } from '../../../platform/queues';

/** The only module that imports @bull-board/*: the queue dashboard's pages and API, for the queues it is given. */
export function bullBoard(queues: ReturnType<typeof openInspectionQueues>, basePath: string): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.map(({ queue }) => new BullMQAdapter(queue)),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'IOC Live',
        hideDocsLink: true,
        miscLinks: [{ text: 'Quản trị / Admin', url: '/admin' }],
        locale: { lng: 'en-US' },
        // a queue's Redis is the data store's: the admins of this board see the queues, not the server
        hideRedisDetails: true,
      },
    },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
