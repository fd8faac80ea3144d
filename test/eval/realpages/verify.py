# independent check: plain tag-strip (no block newlines) + whitespace collapse
import json, re, html, collections
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s): super().__init__(convert_charrefs=True); s.o=[]
    def handle_data(s,d): s.o.append(d)
    def handle_starttag(s,t,a): s.o.append(' ') if t in ('p','div','li','br','h1','h2','h3','h4','h5','h6','td','figcaption','blockquote','tr','dd','dt','pre') else None
def body(n):
    p=P(); p.feed(open(f'/work/shared/realpages/expected/{n}.html',encoding='utf-8').read())
    return re.sub(r'\s+',' ',''.join(p.o)).strip()
norm=lambda x: re.sub(r'\s+',' ',x).strip()
L=[json.loads(l) for l in open('/work/devsets/realpages/questions.jsonl',encoding='utf-8')]
sp=json.load(open('/work/devsets/realpages/splits.json'))
bad=0; B={}
for d in L:
    if d.get('abstain'):
        assert d['kind'] in ('off-topic','near-miss') and d['split'] in ('train','holdout')
        if d['kind']=='near-miss':
            assert d['split']==('holdout' if sp['pages'][d['near_page']] in sp['holdout'] else 'train')
        continue
    b=B.setdefault(d['page'],body(d['page']))
    s=norm(d['sentence'])
    assert d['site']==sp['pages'][d['page']]
    assert d['split']==('holdout' if d['site'] in sp['holdout'] else 'train')
    assert 1<=len(d['any'])<=3
    if s not in b: print('SENT NOT IN BODY',d['id']); bad+=1
    for a in d['any']:
        if a not in s: print('ANY NOT IN SENT',d['id'],a); bad+=1
        if a not in b: print('ANY NOT IN BODY',d['id'],a); bad+=1
    # warn: any string echoed in the question (answer leak)
    for a in d['any']:
        if a.lower() in d['q'].lower(): print('WARN any appears in question',d['id'],a)
print('checked',len(L),'bad',bad)
