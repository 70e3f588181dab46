import { readFileSync, readdirSync } from 'node:fs';
const dir='/tmp/prof/out'; const f=readdirSync(dir).sort().at(-1);
const p=JSON.parse(readFileSync(`${dir}/${f}`));
const byId=new Map(p.nodes.map(n=>[n.id,n])); const parent=new Map();
for(const n of p.nodes) for(const c of n.children??[]) parent.set(c,n.id);
const counts=new Map(); p.samples.forEach((s,i)=>counts.set(s,(counts.get(s)??0)+(p.timeDeltas[i]??0)));
const target=process.argv[2]; const depth=Number(process.argv[3]??6);
const agg=new Map(); let tot=0;
for(const [id,t] of counts){const n=byId.get(id); if(n.callFrame.functionName!==target) continue; tot+=t; let chain=[]; let q=parent.get(id); for(let i=0;i<depth&&q;i++){const c=byId.get(q).callFrame; chain.push(`${c.functionName||'anon'}@${(c.url||'').split('/').slice(-2).join('/')}`); q=parent.get(q);} const k=chain.join(' < '); agg.set(k,(agg.get(k)??0)+t);}
console.log(target,(tot/1000).toFixed(0),'ms');
for(const [k,v] of [...agg].sort((a,b)=>b[1]-a[1]).slice(0,8)) console.log((v/1000).toFixed(0).padStart(6),k);
