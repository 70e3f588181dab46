import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mintToken, createSessions } from '/work/main/bench/lib.mjs';
const DB='mysql://root@127.0.0.1:3306/sbd_bench_cpu';
const SECRET='b'.repeat(64);
await createSessions(DB);
const env={...process.env,NODE_ENV:'production',DATABASE_URL:DB,JWT_SECRET:SECRET,FIELD_ENCRYPTION_KEY:'c'.repeat(64),WECHAT_APP_ID:'wx',WECHAT_APP_SECRET:'b',PUBLIC_BASE_URL:'http://127.0.0.1',H5_DIR:'/nonexistent',LOG_LEVEL:'error',SCHEDULER_ENABLED:'false',DB_POOL_SIZE:'20',PORT:'3841',SHUTDOWN_DRAIN_MS:'0'};
const child=spawn(process.execPath,['--cpu-prof','--cpu-prof-dir=/tmp/prof/out','/work/main/apps/api/dist/main.js'],{env,stdio:'inherit'});
for(;;){try{if((await fetch('http://127.0.0.1:3841/health/ready')).ok)break;}catch{} await new Promise(r=>setTimeout(r,300));}
const tokens=Array.from({length:300},(_,i)=>`Bearer ${mintToken(SECRET,1+((i*53)%26000))}`);
let k=0;
const path=process.argv[2]??'/api/tasks/feed?limit=20';
const res=await new Promise((ok,ko)=>autocannon({url:'http://127.0.0.1:3841',connections:10,amount:6000,requests:[{method:'GET',path,setupRequest:(r)=>({...r,headers:{authorization:tokens[(k++)%tokens.length]}})}]},(e,r)=>e?ko(e):ok(r)));
console.log('rps',res.requests.average,'non2xx',res.non2xx,'p99',res.latency.p99);
child.kill('SIGINT'); await new Promise(r=>child.on('exit',r));
