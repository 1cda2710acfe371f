import { XMLParser } from "fast-xml-parser";
const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, htmlEntities: true, stopNodes: ["..description"] });
console.log(JSON.stringify(p.parse(`<rss a="1"><channel><title>x <![CDATA[y]]> z</title><e/><f></f><description>  <![CDATA[<p>hi</p>]]>  </description><item x="2">t</item><item>u<b>v</b>w</item></channel></rss>`)));
