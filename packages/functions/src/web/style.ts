/**
 * The one stylesheet, served at `/aset/gaya.css` (cacheable). GOV.UK Design System patterns —
 * error summary, check-your-answers, confirmation panel, task list — without the brand. Readable
 * from a 360 px phone to a desktop; system fonts only.
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#0b0c0c;background:#f3f2f1}
body{margin:0}
a{color:#1d4f91;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:.5rem;background:#ffdd00;padding:.3rem .6rem;z-index:10}
header.top{background:#0b3d66;color:#fff;border-bottom:.5rem solid #1d70b8}
header.top .bar{max-width:66rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
header.top a{color:#fff;text-decoration:none}
header.top a:hover{text-decoration:underline}
.brand{font-weight:700;font-size:1.25rem;margin-right:auto}
.brand small{font-weight:400;font-size:.85rem;opacity:.9;margin-left:.4rem}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
nav.main form{display:inline}
nav.main button{background:none;border:0;box-shadow:none;margin:0;color:#fff;font:inherit;font-weight:400;text-decoration:underline;cursor:pointer;padding:0}
main{display:block;max-width:66rem;margin:0 auto;padding:1.2rem 1rem 3rem;background:#fff;min-height:60vh}
footer.bottom{max-width:66rem;margin:0 auto;padding:1rem;color:#505a5f;font-size:.875rem}
h1{font-size:1.75rem;line-height:1.2;margin:.3rem 0 1rem}
h2{font-size:1.35rem;margin:1.6rem 0 .6rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
p,li,dd,dt,td,th,label,legend{max-width:44rem}
.lead{font-size:1.15rem}
.hint{color:#505a5f;display:block;margin:.1rem 0 .4rem}
.field{margin:0 0 1.4rem}
.field label,.field legend{font-weight:700;display:block}
input[type=text],input[type=email],input[type=number],input[type=date],input[type=time],select,textarea{font:inherit;border:2px solid #0b0c0c;padding:.35rem .45rem;width:100%;max-width:32rem;background:#fff}
input.short{max-width:9rem}
textarea{min-height:6rem}
.field.error{border-left:5px solid #d4351c;padding-left:.8rem}
.field .message{color:#d4351c;font-weight:700;display:block;margin:.2rem 0}
.field.error input,.field.error textarea,.field.error select{border-color:#d4351c}
button,.button{font:inherit;font-weight:600;display:inline-block;border:0;border-radius:0;padding:.55rem 1rem;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;margin:0 .6rem .8rem 0}
.button:visited{color:#fff}
button.secondary,.button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
.error-summary{border:5px solid #d4351c;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#d4351c;font-weight:700}
.panel{background:#00703c;color:#fff;padding:1.2rem;margin:0 0 1.5rem;text-align:center}
.panel h1{margin:0;color:#fff}
.notice{border-left:5px solid #1d70b8;padding:.5rem 1rem;background:#f3f8fc;margin:0 0 1.2rem}
.warning-text{border-left:5px solid #d4351c;padding:.5rem 1rem;margin:0 0 1.2rem;font-weight:600}
dl.summary{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:0;margin:0 0 1.5rem;border-top:1px solid #b1b4b6}
dl.summary dt,dl.summary dd{margin:0;padding:.5rem .6rem .5rem 0;border-bottom:1px solid #b1b4b6}
dl.summary dt{font-weight:700}
@media (max-width:40rem){dl.summary{grid-template-columns:1fr}dl.summary dt{border-bottom:0;padding-bottom:0}}
ul.tasks{list-style:none;padding:0;margin:0 0 1.5rem;border-top:1px solid #b1b4b6}
ul.tasks li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.3rem 1rem;padding:.6rem 0;border-bottom:1px solid #b1b4b6;max-width:none}
.tag{display:inline-block;padding:.1rem .45rem;font-size:.85rem;font-weight:700;background:#e8f1f8;color:#0c2d4a;white-space:nowrap}
.tag.red{background:#f6d7d2;color:#2a0b06}
.tag.green{background:#cce2d8;color:#005a30}
.tag.yellow{background:#fff7bf;color:#594d00}
.tag.grey{background:#eeefef;color:#383f43}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem .45rem 0;border-bottom:1px solid #b1b4b6}
th{font-weight:700}
td.num,th.num{text-align:right}
.section-text{white-space:pre-wrap}
details{margin:0 0 1rem}
summary{cursor:pointer;color:#1d4f91;text-decoration:underline}
fieldset{border:0;padding:0;margin:0 0 1rem}
.inline-form{display:inline}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;margin:0 0 1rem}
.filters .field{margin:0}
.filters select{width:auto}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
ul.plain{list-style:none;padding:0;margin:0}
code{overflow-wrap:anywhere}
`;
