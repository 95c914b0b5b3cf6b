import { App } from 'cdktf';
import { addStage } from './app.js';
import { STAGE_NAMES } from './config/stage-config.js';
import { STAGES } from './config/stages.js';

// `cdktf synth` runs this with CDKTF_OUTDIR set; run directly it writes ./cdktf.out.
const app = new App();
for (const stage of STAGE_NAMES) addStage(app, STAGES[stage]);
app.synth();
