import { readFileSync, readdirSync } from 'node:fs';
const dir='/tmp/prof/out'; const f=readdirSync(dir).sort().at(-1);
const p=JSON.parse(readFileSync(`${dir}/${f}`));
const byId=new Map(p.nodes.map(n=>[n.id,n]));
const self=new Map(); const dt=p.timeDeltas; 
const counts=new Map(); p.samples.forEach((s,i)=>counts.set(s,(counts.get(s)??0)+(dt[i]??0)));
const pkg=(url)=>{ if(!url) return '(native)'; const m=url.match(/node_modules\/((@[^/]+\/)?[^/]+)/); if(m) return m[1]; if(url.includes('/apps/api/dist/')) return 'api:'+url.split('/apps/api/dist/')[1].split('/').slice(0,2).join('/'); if(url.startsWith('node:')) return url; return url.split('/').slice(-2).join('/');};
const byPkg=new Map(); const byFn=new Map(); let total=0;
for(const [id,t] of counts){const n=byId.get(id); total+=t; const k=pkg(n.callFrame.url); byPkg.set(k,(byPkg.get(k)??0)+t); const fk=`${n.callFrame.functionName||'(anon)'} ${pkg(n.callFrame.url)}`; byFn.set(fk,(byFn.get(fk)??0)+t);}
const top=(m,n)=>[...m].sort((a,b)=>b[1]-a[1]).slice(0,n).map(([k,v])=>`${(100*v/total).toFixed(1)}%  ${k}`).join('\n');
console.log('total ms',(total/1000).toFixed(0)); console.log(top(byPkg,25)); console.log('---'); console.log(top(byFn,30));
