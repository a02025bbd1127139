// The import of bench/jenkins-import.bench.mjs in-process, sampling the heap every 20 ms:
// prints {"heapPeakMB", "heapEndMB", "rssPeakMB"} as its last line.
// Usage: node --expose-gc bench/jenkins-import-heap.mjs URL BUILDS STORE
import { NodeJenkinsApi, jenkinsConnection } from '../dist/jenkins/client.js';
import { importJenkinsBuilds } from '../dist/jenkins/import.js';
import { openStore } from '../dist/store/open.js';

const [url, builds, storeUrl] = process.argv.slice(2);
let heapPeak = 0;
const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
const timer = setInterval(sample, 20);
const api = await NodeJenkinsApi.create(jenkinsConnection(url, {}));
const store = await openStore(storeUrl);
try {
  const s = await importJenkinsBuilds({ api, store, job: 'bench/app', builds: Number(builds) });
  console.log(`imported ${s.added} builds`);
} finally {
  await store.close();
  clearInterval(timer);
}
sample();
globalThis.gc?.();
const mb = (b) => b / 1024 / 1024;
console.log(JSON.stringify({ heapPeakMB: mb(heapPeak), heapEndMB: mb(process.memoryUsage().heapUsed), rssPeakMB: process.resourceUsage().maxRSS / 1024 }));
