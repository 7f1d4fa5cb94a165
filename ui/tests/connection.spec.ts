import { describe, expect, it, vi } from "vitest";
import { DEMO_PASSPHRASE, MOCK_CA_FINGERPRINT, MOCK_DATABASE, MOCK_PINNED_ADMIN } from "../src/backend/mock";
import { setLocale } from "../src/i18n";
import type { Connection } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

const SERVER_URL = "https://jiedu.office.example:8443";
const CA = "/home/demo/jiedu/ca.pem";
const SERVER: Connection = {
  mode: "server",
  database: null,
  server_url: SERVER_URL,
  ca_path: CA,
  ca_fingerprint: MOCK_CA_FINGERPRINT,
  pinned_admin: { ...MOCK_PINNED_ADMIN },
};

type Wrapper = Awaited<ReturnType<typeof mountApp>>;
const checked = (wrapper: Wrapper, id: string) => (wrapper.find(byTestId(id)).element as HTMLInputElement).checked;
const input = (wrapper: Wrapper, id: string) => wrapper.find(byTestId(id)).element as HTMLInputElement;

async function connect(wrapper: Wrapper, url: string, ca: string): Promise<void> {
  await wrapper.find(byTestId("server-url")).setValue(url);
  await wrapper.find(byTestId("server-ca")).setValue(ca);
  await wrapper.find(byTestId("server-connect")).trigger("click");
  await settle();
}

describe("sign-in: where to connect", () => {
  it("starts from the remembered local database, shows its path, and signs in as before", async () => {
    const wrapper = await mountApp(demoBackend(null));
    expect(checked(wrapper, "signin-mode-local")).toBe(true);
    expect(checked(wrapper, "signin-mode-server")).toBe(false);
    expect(wrapper.find("fieldset").text()).toContain(MOCK_DATABASE);
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`当前连接：本机数据库 ${MOCK_DATABASE}`);
    expect(wrapper.find(byTestId("server-url")).exists()).toBe(false);
    expect(wrapper.find(byTestId("server-fingerprint")).exists()).toBe(false);
    expect(wrapper.findAll(`${byTestId("signin-user")} option`).length).toBeGreaterThan(1);
  });

  it("starts in server mode when the computer remembers a server, with its fingerprint to check", async () => {
    const wrapper = await mountApp(demoBackend(null, { connection: SERVER }));
    expect(checked(wrapper, "signin-mode-server")).toBe(true);
    expect(input(wrapper, "server-url").value).toBe(SERVER_URL);
    expect(input(wrapper, "server-ca").value).toBe(CA);
    expect(wrapper.find(byTestId("server-fingerprint")).text()).toContain(MOCK_CA_FINGERPRINT);
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`当前连接：团队服务器 ${SERVER_URL}`);
    expect(wrapper.find(byTestId("signin-user")).exists()).toBe(true);
  });

  it("offers the server form on choosing the team server, hiding the local accounts until connected", async () => {
    const backend = demoBackend(null);
    const connectServer = vi.spyOn(backend, "connectServer");
    const wrapper = await mountApp(backend);
    await wrapper.find(byTestId("signin-mode-server")).setValue(true);

    expect(input(wrapper, "server-url").placeholder).toBe("https://服务器:8443");
    expect(wrapper.find(byTestId("signin-user")).exists()).toBe(false);
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe("尚未连接团队服务器，当前仍为本机数据库。");
    // Nothing is sent until both the URL and the CA file are given.
    const button = () => input(wrapper, "server-connect");
    expect(button().disabled).toBe(true);
    await wrapper.find(byTestId("server-url")).setValue(SERVER_URL);
    expect(button().disabled).toBe(true);
    await wrapper.find(byTestId("server-ca")).setValue(CA);
    expect(button().disabled).toBe(false);
    expect(connectServer).not.toHaveBeenCalled();
    // The labels name the inputs.
    expect(wrapper.find(byTestId("server-url")).element.closest("label")!.textContent).toContain("服务器地址");
    expect(wrapper.find(byTestId("server-ca")).element.closest("label")!.textContent).toContain("CA 证书文件");
  });

  it("shows a refused connection in the page, bilingual, on the input concerned, and stays local", async () => {
    const backend = demoBackend(null);
    const wrapper = await mountApp(backend);
    await wrapper.find(byTestId("signin-mode-server")).setValue(true);
    await connect(wrapper, "http://jiedu.office.example:8443", CA);

    const error = wrapper.find(byTestId("server-error"));
    expect(error.attributes("role")).toBe("alert");
    expect(error.attributes("data-error-code")).toBe("server.bad_url");
    expect(error.text()).toContain("服务器地址须为 https://主机:端口");
    expect(error.text()).toContain("The server URL must be https://HOST:PORT");
    expect(wrapper.find(byTestId("server-url")).attributes("aria-invalid")).toBe("true");
    expect(wrapper.find(byTestId("server-ca")).attributes("aria-invalid")).toBe("false");
    expect(wrapper.find(byTestId("server-fingerprint")).exists()).toBe(false);
    await expect(backend.connectionInfo()).resolves.toMatchObject({ mode: "local" });

    // Correcting the URL clears the complaint.
    await wrapper.find(byTestId("server-url")).setValue(SERVER_URL);
    expect(wrapper.find(byTestId("server-error")).exists()).toBe(false);
  });

  it("connects, shows the CA fingerprint to check and the pinned admin, reloads the accounts, and signs in there", async () => {
    const backend = demoBackend(null);
    const connectServer = vi.spyOn(backend, "connectServer");
    const listAccounts = vi.spyOn(backend, "listAccounts");
    const wrapper = await mountApp(backend);
    expect(listAccounts).toHaveBeenCalledTimes(1);
    await wrapper.find(byTestId("signin-mode-server")).setValue(true);
    await connect(wrapper, `  ${SERVER_URL} `, CA);

    expect(connectServer).toHaveBeenCalledWith(SERVER_URL, CA);
    expect(wrapper.find(byTestId("server-error")).exists()).toBe(false);
    const fingerprint = wrapper.find(byTestId("server-fingerprint"));
    expect(fingerprint.find("code").text()).toBe(MOCK_CA_FINGERPRINT);
    expect(fingerprint.text()).toContain("请与服务器管理员核对此指纹（jiedu serve 启动时显示）");
    const admin = wrapper.find(byTestId("server-pinned-admin"));
    expect(admin.text()).toContain("admin");
    expect(admin.text()).toContain(MOCK_PINNED_ADMIN.public_key.slice(0, 8));
    expect(admin.find("code").attributes("title")).toBe(MOCK_PINNED_ADMIN.public_key);
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`当前连接：团队服务器 ${SERVER_URL}`);
    expect(listAccounts).toHaveBeenCalledTimes(2);

    await wrapper.find(byTestId("signin-user")).setValue("li.hua");
    await wrapper.find(byTestId("signin-passphrase")).setValue(DEMO_PASSPHRASE);
    await wrapper.find(byTestId("signin-submit")).trigger("click");
    await settle();
    const badge = wrapper.find(byTestId("connection-badge"));
    expect(badge.attributes("data-mode")).toBe("server");
    expect(badge.text()).toContain(`团队服务器 ${SERVER_URL}`);
  });

  it("goes back to the local database with use_local, reloading the accounts", async () => {
    const backend = demoBackend(null, { connection: SERVER });
    const useLocal = vi.spyOn(backend, "useLocal");
    const listAccounts = vi.spyOn(backend, "listAccounts");
    const wrapper = await mountApp(backend);
    await wrapper.find(byTestId("signin-user")).setValue("zhang.wei");

    await wrapper.find(byTestId("signin-mode-local")).setValue(true);
    await settle();
    expect(useLocal).toHaveBeenCalledTimes(1);
    expect(listAccounts).toHaveBeenCalledTimes(2);
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`当前连接：本机数据库 ${MOCK_DATABASE}`);
    expect(wrapper.find(byTestId("server-url")).exists()).toBe(false);
    expect(wrapper.find(byTestId("server-fingerprint")).exists()).toBe(false);
    // The choice made against the server's accounts is not carried over.
    expect((wrapper.find(byTestId("signin-user")).element as HTMLSelectElement).value).toBe("");
  });

  it("stays on the server and says why when use_local fails", async () => {
    const backend = demoBackend(null, { connection: SERVER });
    vi.spyOn(backend, "useLocal").mockRejectedValueOnce({ code: "store.open", message: "无法打开数据库。\nCannot open the database." });
    const wrapper = await mountApp(backend);
    await wrapper.find(byTestId("signin-mode-local")).setValue(true);
    await settle();
    expect(checked(wrapper, "signin-mode-server")).toBe(true);
    expect(wrapper.find(byTestId("error-notice")).text()).toContain("无法打开数据库。\nCannot open the database.");
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`当前连接：团队服务器 ${SERVER_URL}`);
  });

  it("speaks English too", async () => {
    setLocale("en");
    const wrapper = await mountApp(demoBackend(null, { connection: SERVER }));
    expect(wrapper.find(byTestId("server-fingerprint")).text()).toContain(
      "Check this fingerprint with the server's administrator (jiedu serve shows it at start-up)",
    );
    expect(wrapper.find(byTestId("connection-summary")).text()).toBe(`Connected to: team server ${SERVER_URL}`);
    expect(input(wrapper, "server-url").placeholder).toBe("https://server:8443");
  });
});

describe("connection badge", () => {
  it("shows the local mode in the top bar once signed in", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    const badge = wrapper.find(byTestId("connection-badge"));
    expect(badge.attributes("data-mode")).toBe("local");
    expect(badge.text()).toContain("本机");
    expect(badge.attributes("title")).toBe(MOCK_DATABASE);
  });
});
