"""The view's colours, style sheet and script, inline in every page (no network, no CDN)."""

from __future__ import annotations

import zlib

__all__ = ["CSS", "JS", "PAGE_CSS", "ROLE_COLOURS", "TYPE_COLOURS", "colour_for"]

#: argument backgrounds: light enough for black text, apart enough to tell roles at a glance
ROLE_COLOURS = {
    "agent": "#ffc078", "target": "#ffa8a8", "killed": "#e599f7", "injured": "#faa2c1",
    "place": "#8ce99a", "time": "#74c0fc", "item": "#ffe066", "quantity": "#b197fc",
}
#: trigger badges (white text)
TYPE_COLOURS = {
    "attack": "#c92a2a", "armed_clash": "#862e9c", "kidnapping": "#5f3dc4", "arrest": "#1864ab",
    "seizure": "#0b7285", "smuggling": "#2b8a3e", "protest": "#d9480f", "agreement": "#495057",
}
_SPARE = ["#96f2d7", "#d8f5a2", "#ffd8a8", "#eebefa", "#a5d8ff", "#c3fae8", "#e9ecef"]
_SPARE_DARK = ["#087f5b", "#5c940d", "#e67700", "#a61e4d", "#364fc7", "#0c8599", "#343a40"]


def colour_for(name: str, known: dict[str, str]) -> str:
    """The colour of a role or type; a custom one (a retrained model's) gets a stable spare."""
    if name in known:
        return known[name]
    spare = _SPARE_DARK if known is TYPE_COLOURS else _SPARE
    return spare[zlib.crc32(name.encode("utf-8")) % len(spare)]


PAGE_CSS = """
body{margin:0;padding:16px 24px;background:#f8f9fa}
"""

CSS = """
.eventx-view{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 color:#212529;background:#fff;padding:12px 16px;border-radius:6px;text-align:left}
.eventx-view h1{font-size:1.25em;margin:0 0 2px}
.eventx-view .x-info{color:#495057;margin:0 0 8px;font-size:.9em}
.eventx-view .x-legend{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0 0 12px;
 font-size:.8em}
.eventx-view .x-trig-key{border:2px solid #343a40;border-radius:3px;padding:0 4px}
.eventx-view .x-trig-key sup{background:#343a40;color:#fff;border-radius:3px;padding:0 3px;
 margin-left:3px}
.eventx-view .x-role,.eventx-view .x-type{display:inline-block;background:var(--rc);
 border-radius:3px;padding:0 5px;font-size:.8em;line-height:1.5}
.eventx-view .x-type{background:var(--tc);color:#fff;font-weight:600}
.eventx-view .x-cols{display:flex;gap:28px;align-items:flex-start}
.eventx-view .x-text{flex:1 1 58%;max-width:46em;white-space:pre-wrap;overflow-wrap:anywhere;
 line-height:2.05;font-size:1.02em}
.eventx-view .x-side{flex:1 1 42%;min-width:0;position:sticky;top:8px;
 max-height:calc(100vh - 16px);overflow:auto}
.eventx-view mark{color:inherit;border-radius:3px;padding:1px 0;cursor:pointer;
 unicode-bidi:isolate}
.eventx-view mark.x-arg{background:var(--rc);box-shadow:inset 0 -2px 0 rgba(0,0,0,.25)}
.eventx-view mark.x-trig{background:#fff;border:2px solid var(--tc);font-weight:650;
 padding:0 2px}
.eventx-view mark.x-trig.x-end::after{content:attr(data-label);background:var(--tc);color:#fff;
 font-size:.68em;font-weight:600;border-radius:3px;padding:0 4px;margin-left:3px;
 vertical-align:.35em;line-height:1.3;white-space:nowrap}
.eventx-view mark:hover{outline:2px solid #212529}
.eventx-view.x-focus mark:not(.x-on){opacity:.3}
.eventx-view mark.x-on{outline:2px solid #212529;outline-offset:1px}
.eventx-view .x-panel{white-space:pre-wrap;font-size:.85em;color:#343a40;background:#f1f3f5;
 border-radius:4px;padding:6px 8px;margin-bottom:8px;min-height:2.6em}
.eventx-view .x-table{border-collapse:collapse;font-size:.85em;width:100%}
.eventx-view .x-table th{position:sticky;top:0;background:#e9ecef;text-align:left;
 padding:4px 6px;font-weight:600}
.eventx-view .x-table td{border-top:1px solid #dee2e6;padding:5px 6px;vertical-align:top}
.eventx-view .x-table tr{cursor:pointer}
.eventx-view .x-table tbody tr:hover{background:#f8f9fa}
.eventx-view .x-table tr.x-on{background:#fff3bf}
.eventx-view .x-n{font-weight:600;color:#495057}
.eventx-view .x-val{color:#495057;font-size:.92em}
.eventx-view .x-args .x-role{min-width:4.2em;text-align:center}
.eventx-view .x-none{color:#868e96}
@media (max-width:900px){.eventx-view .x-cols{flex-direction:column}
 .eventx-view .x-side{position:static;max-height:none;width:100%}}
"""

# VIEW_ID is replaced by the view's element id: several views in one notebook stay apart
JS = """
(function(){
var root=document.getElementById("VIEW_ID");if(!root)return;
var panel=root.querySelector(".x-panel"),hint=panel.textContent;
function ids(el){return (el.getAttribute("data-ev")||"").split(" ").filter(Boolean);}
function select(evs){
 root.classList.toggle("x-focus",evs.length>0);
 root.querySelectorAll("[data-ev]").forEach(function(el){
  el.classList.toggle("x-on",ids(el).some(function(e){return evs.indexOf(e)>=0;}));});}
root.addEventListener("click",function(e){
 var el=e.target.closest("mark[data-ev],tr[data-ev]");
 if(!el){select([]);panel.textContent=hint;return;}
 var evs=ids(el);select(evs);
 if(el.tagName==="TR"){
  var t=root.querySelector('mark.x-trig[data-ev~="'+evs[0]+'"]');
  if(t){t.scrollIntoView({block:"center",behavior:"smooth"});panel.textContent=t.title;}
 }else{panel.textContent=el.title;
  var r=root.querySelector('tr[data-ev="'+evs[0]+'"]');if(r)r.scrollIntoView({block:"nearest"});}
});
root.addEventListener("mouseover",function(e){
 var el=e.target.closest("mark[data-ev]");if(el&&!root.classList.contains("x-focus"))
  panel.textContent=el.title;});
})();
"""
