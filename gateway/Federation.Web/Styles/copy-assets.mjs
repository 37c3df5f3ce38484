// Copies govuk-frontend's script to wwwroot, where the layout links it. Not its fonts (the service
// uses the system's) nor its images (the crown and crest are GOV.UK's own). Run by `npm run build`.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("wwwroot/js", { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "wwwroot/js/govuk-frontend.min.js");
