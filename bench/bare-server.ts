import Fastify from 'fastify';

/** The baseline: a bare Fastify route on the same machine, in the same run, with the same logger off. */
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
/** For write benchmarks: parses the same JSON body and answers 201, as a POST route would. */
app.post('/echo', async (req, reply) => reply.code(201).send({ received: req.body !== undefined }));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
