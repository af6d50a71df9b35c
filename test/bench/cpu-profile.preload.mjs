// Loaded with NODE_OPTIONS="--import …" by `bench:sockets` when BENCH_CPU_PROF is set (NODE_OPTIONS refuses
// --cpu-prof): profiles the whole process and writes CPUPROF_DIR/<pid>.cpuprofile when it exits.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(path.join(process.env.CPUPROF_DIR ?? '.', `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
