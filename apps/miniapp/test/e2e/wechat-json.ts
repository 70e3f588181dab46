/**
 * WeChat's own checks of app.json and every page's json, run offline with miniprogram-ci (the
 * checks the developer tools and the uploader run before a build is accepted: field types, the tab
 * bar's 2–5 items with pagePath in the main package and icons that exist, subPackages, permission,
 * requiredPrivateInfos, __usePrivacyCheck__, page window fields, …). Nothing here calls WeChat's
 * servers: a project object needs a private key only for uploads, so a placeholder is given.
 */
import path from 'node:path';

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

type CiProject = object;
const ci = require('miniprogram-ci') as { Project: new (o: Record<string, unknown>) => CiProject };
const appJson = require('miniprogram-ci/dist/modules/corecompiler/original/json/app') as {
  getAppJSON(project: CiProject): Promise<AppJson>;
};
const pageJson = require('miniprogram-ci/dist/modules/corecompiler/original/json/page/getPageJSON') as {
  getPageJSON(project: CiProject, o: { miniprogramRoot: string; pagePath: string }): Promise<unknown>;
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String((e as { msg?: string })?.msg ?? e));

/** Every page route of an app.json: main package first, then each sub-package's. */
export function routesOf(app: AppJson): string[] {
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))];
}

/**
 * Validates a built mini-program folder (the one with app.json). Returns WeChat's messages: the
 * app.json one if app.json is refused (its pages are then not checked), else one per refused page.
 */
export async function validateMiniProgram(dir: string): Promise<{ errors: string[]; pages: number }> {
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: dir,
    privateKey: 'offline-validation-only',
    ignores: ['node_modules/**/*'],
  });
  let app: AppJson;
  try {
    app = await appJson.getAppJSON(project);
  } catch (e) {
    return { errors: [message(e)], pages: 0 };
  }
  const errors: string[] = [];
  const routes = routesOf(app);
  for (const pagePath of routes) {
    try {
      await pageJson.getPageJSON(project, { miniprogramRoot: '', pagePath });
    } catch (e) {
      errors.push(message(e));
    }
  }
  return { errors, pages: routes.length };
}
