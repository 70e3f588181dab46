import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
import { mintToken, createSessions, toDbDate } from '../lib.mjs';
const DB='mysql://root@127.0.0.1:3306/sbd_bench_cpu';
const SECRET='b'.repeat(64);
await createSessions(DB);
const env={...process.env,NODE_ENV:'production',DATABASE_URL:DB,JWT_SECRET:SECRET,FIELD_ENCRYPTION_KEY:'c'.repeat(64),WECHAT_APP_ID:'wx',WECHAT_APP_SECRET:'b',PUBLIC_BASE_URL:'http://127.0.0.1',H5_DIR:'/nonexistent',LOG_LEVEL:'error',SCHEDULER_ENABLED:'false',DB_POOL_SIZE:'20',PORT:'3841',SHUTDOWN_DRAIN_MS:'0'};
const child=spawn(process.execPath,['--cpu-prof','--cpu-prof-dir=/tmp/prof/out','/work/main/apps/api/dist/main.js'],{env,stdio:'inherit'});
for(;;){try{if((await fetch('http://127.0.0.1:3841/health/ready')).ok)break;}catch{} await new Promise(r=>setTimeout(r,300));}
const conn=await mysql.createConnection({uri:DB,timezone:'Z'});
const [streets]=await conn.query("SELECT id FROM org_nodes WHERE type='street' ORDER BY id");
for (let b=0;b<8;b++){
  const street=streets[b].id;
  const [comms]=await conn.query("SELECT id FROM org_nodes WHERE type='community' AND parent_id=? ORDER BY id",[street]);
  const [mem]=await conn.query("SELECT user_id FROM registrations WHERE status='approved' AND community_id IN (?) LIMIT 200",[comms.map(c=>c.id)]);
  const start=new Date(Date.now()+(60+b)*86400e3); const now=toDbDate(new Date());
  const [ins]=await conn.query(`INSERT INTO tasks (community_id, street_id, kind, target, title, description, status, capacity, claimed_count, waitlist, starts_at, ends_at, claim_deadline, withdraw_cutoff_minutes, place, checkin_radius_m, points_per_hour, points_minimum, points_max, required_skills, checkin_secret, created_by_id, published_at, created_at, updated_at) VALUES (?, ?, 'micro', 'individuals', 'x', 'y', 'published', 10, 0, 1, ?, ?, ?, 120, 'p', 500, 10, 5, 100, '[]', 'bench', 1, ?, ?, ?)`,[comms[0].id,street,toDbDate(start),toDbDate(new Date(start.getTime()+3600e3)),toDbDate(start),now,now,now]);
  const t0=performance.now(); const lat=[];
  const codes=await Promise.all(mem.map(async(m)=>{const s=performance.now(); const r=await fetch('http://127.0.0.1:3841/api/claims',{method:'POST',headers:{'content-type':'application/json',authorization:`Bearer ${mintToken(SECRET,m.user_id)}`},body:JSON.stringify({taskId:ins.insertId})}); await r.text(); lat.push(performance.now()-s); return r.status;}));
  lat.sort((a,b)=>a-b);
  console.log('burst',b,mem.length,'wall',(performance.now()-t0).toFixed(0),'p99',lat[Math.floor(lat.length*0.99)-1].toFixed(0), codes.filter(c=>c!==201).length,'non201');
}
await conn.end();
child.kill('SIGINT'); await new Promise(r=>child.on('exit',r));
