import { describe, expect, it, vi } from "vitest";
import { DEMO_PASSPHRASE } from "../src/backend/mock";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

describe("sign-in", () => {
  it("lists the local users as name · unit · role, with user ids as option values", async () => {
    const wrapper = await mountApp(demoBackend(null));
    const options = wrapper.findAll(`${byTestId("signin-user")} option`).filter((o) => o.attributes("value") !== "");
    expect(options.map((o) => o.attributes("value"))).toEqual(["zhang.wei", "liu.yang", "li.hua", "zhao.min", "chen.jing", "admin"]);
    expect(options[0]!.text()).toBe("张伟 · 办公厅 · 起草人");
    expect(options[2]!.text()).toBe("李华 · 办公厅 · 审签领导");
    expect(wrapper.find(byTestId("current-user")).exists()).toBe(false);
  });

  it("signs in and shows the user's name and role in the top bar, then the pack list", async () => {
    const backend = demoBackend(null);
    const signIn = vi.spyOn(backend, "signIn");
    const wrapper = await mountApp(backend);
    await wrapper.find(byTestId("signin-user")).setValue("li.hua");
    await wrapper.find(byTestId("signin-passphrase")).setValue(DEMO_PASSPHRASE);
    await wrapper.find(byTestId("signin-submit")).trigger("click");
    await settle();

    expect(signIn).toHaveBeenCalledWith("li.hua", DEMO_PASSPHRASE);
    const user = wrapper.find(byTestId("current-user")).text();
    expect(user).toContain("李华");
    expect(user).toContain("审签领导");
    expect(wrapper.find(byTestId("signin-passphrase")).exists()).toBe(false);
    expect(wrapper.findAll(byTestId("pack-row")).length).toBeGreaterThan(0);
  });

  it("shows a wrong passphrase next to the field and stays on the sign-in screen", async () => {
    const wrapper = await mountApp(demoBackend(null));
    await wrapper.find(byTestId("signin-user")).setValue("zhang.wei");
    await wrapper.find(byTestId("signin-passphrase")).setValue("wrong");
    await wrapper.find(byTestId("signin-submit")).trigger("click");
    await settle();

    const error = wrapper.find(byTestId("signin-error"));
    expect(error.text()).toBe("用户“zhang.wei”的口令不正确，未做任何改动。\nWrong passphrase for zhang.wei; nothing was changed.");
    expect(wrapper.find(byTestId("signin-passphrase")).attributes("aria-invalid")).toBe("true");
    expect(wrapper.find(byTestId("current-user")).exists()).toBe(false);

    // Typing again clears the complaint.
    await wrapper.find(byTestId("signin-passphrase")).setValue("jiedu");
    expect(wrapper.find(byTestId("signin-error")).exists()).toBe(false);
  });

  it("keeps the submit button disabled until a user and a passphrase are given", async () => {
    const wrapper = await mountApp(demoBackend(null));
    const submit = () => wrapper.find(byTestId("signin-submit")).element as HTMLButtonElement;
    expect(submit().disabled).toBe(true);
    await wrapper.find(byTestId("signin-user")).setValue("zhang.wei");
    expect(submit().disabled).toBe(true);
    await wrapper.find(byTestId("signin-passphrase")).setValue("x");
    expect(submit().disabled).toBe(false);
  });

  it("signs out back to the sign-in screen", async () => {
    const backend = demoBackend("zhang.wei");
    const wrapper = await mountApp(backend);
    expect(wrapper.find(byTestId("current-user")).text()).toContain("张伟");
    await wrapper.find(byTestId("signout")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("signin-user")).exists()).toBe(true);
    await expect(backend.currentUser()).resolves.toBeNull();
  });
});

describe("start-up", () => {
  it("tells the backend once that the first screen is painted, ignoring its failure", async () => {
    const backend = demoBackend("zhang.wei");
    const uiReady = vi.spyOn(backend, "uiReady").mockRejectedValue({ code: "internal", message: "nobody listening" });
    await mountApp(backend);
    await vi.waitFor(() => expect(uiReady).toHaveBeenCalledTimes(1));
    await settle();
    expect(uiReady).toHaveBeenCalledTimes(1);
  });

  it("shows the backend's error on the sign-in screen when accounts cannot be listed, and retries", async () => {
    const backend = demoBackend(null);
    const listAccounts = vi
      .spyOn(backend, "listAccounts")
      .mockRejectedValueOnce({ code: "backend_unavailable", message: "list_accounts: not running inside Tauri" });
    const wrapper = await mountApp(backend);
    const notice = wrapper.find(byTestId("error-notice"));
    expect(notice.text()).toContain("无法连接应用后台");
    expect(notice.text()).toContain("list_accounts: not running inside Tauri");
    await notice.find("button").trigger("click");
    await settle();
    expect(listAccounts).toHaveBeenCalledTimes(2);
    expect(wrapper.find(byTestId("signin-user")).exists()).toBe(true);
  });
});
