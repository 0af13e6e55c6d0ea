// The second factor at the door: a PIN that owes a code opens the code step, a wrong code is
// refused in words, a right one signs in; a person without an authenticator gets the enrolment
// (QR, key, first code) and the recovery codes once, and the desk opens only after "I saved them".
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import * as backend from "../api/backend";
import type { SessionStatus } from "../api/backend";
import { createQueryClient } from "../api/queryClient";
import { I18nProvider } from "../i18n/I18nProvider";
import { SignInScreen } from "./SignInScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
const lee = { staffId: "s2", username: "lee", displayName: "Dr. Lee", role: "clinician" as const, providerId: null };
const signedOut: SessionStatus = { phase: "signedOut", user: null, allowed: [], idleLockSecs: 900, demoAccounts: [] };
const active: SessionStatus = { ...signedOut, phase: "active", user: lee, allowed: ["provider_day"] };
const codes = Array.from({ length: 10 }, (_, i) => `ABCDE-FGH${String(i).padStart(2, "0")}`);

function renderSignIn(onSignedIn = vi.fn()) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="en">
        <SignInScreen status={signedOut} onSignedIn={onSignedIn} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return onSignedIn;
}

async function typePin() {
  const user = userEvent.setup();
  await user.type(screen.getByTestId("sign-in-username"), "lee");
  await user.type(screen.getByTestId("sign-in-credential"), "975312");
  await user.click(screen.getByTestId("sign-in-submit"));
  return user;
}

beforeEach(() => {
  vi.resetAllMocks();
  api.cancelSecondFactor.mockResolvedValue();
});

describe("the code step", () => {
  it("refuses a wrong code in words and signs in with the right one", async () => {
    api.signIn.mockResolvedValue({ outcome: "needsSecondFactor", username: "lee" });
    api.verifySecondFactor
      .mockResolvedValueOnce({ outcome: "refused", retryAfterSecs: 0 })
      .mockResolvedValueOnce({ outcome: "signedIn", status: active });
    const onSignedIn = renderSignIn();
    const user = await typePin();

    const code = await screen.findByTestId("second-factor-code");
    expect(screen.getByRole("heading", { name: "Code from your authenticator" })).toBeInTheDocument();
    expect(code).toHaveFocus();
    await user.type(code, "000000{Enter}");
    expect(await screen.findByTestId("second-factor-error")).toHaveTextContent("That code did not match");
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("second-factor-code"), "287082{Enter}");
    await waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledWith(active);
    });
    expect(api.verifySecondFactor).toHaveBeenLastCalledWith("287082");
  });

  it("says how long to wait when throttled, and Back returns to the PIN form", async () => {
    api.signIn.mockResolvedValue({ outcome: "needsSecondFactor", username: "lee" });
    api.verifySecondFactor.mockResolvedValue({ outcome: "throttled", retryAfterSecs: 30 });
    renderSignIn();
    const user = await typePin();
    await user.type(await screen.findByTestId("second-factor-code"), "111111{Enter}");
    expect(await screen.findByTestId("second-factor-error")).toHaveTextContent("Wait 30 seconds");
    await user.click(screen.getByRole("button", { name: "Back to sign-in" }));
    expect(api.cancelSecondFactor).toHaveBeenCalled();
    expect(await screen.findByTestId("sign-in-screen")).toBeInTheDocument();
  });
});

describe("enrolment", () => {
  it("shows the QR and key, confirms the first code, and opens the desk only after the codes are saved", async () => {
    api.signIn.mockResolvedValue({
      outcome: "needsEnrolment",
      username: "lee",
      enrolment: { secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", uri: "otpauth://totp/Frontdesk:lee?secret=JBSW", qrSvg: "<svg/>" },
    });
    api.confirmSecondFactor
      .mockResolvedValueOnce({ outcome: "refused", retryAfterSecs: 0 })
      .mockResolvedValueOnce({ outcome: "enrolled", recoveryCodes: codes, status: active });
    const onSignedIn = renderSignIn();
    const user = await typePin();

    const qr = await screen.findByRole("img", { name: "QR code for adding Frontdesk to an authenticator app" });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByTestId("enrolment-key")).toHaveTextContent("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");

    await user.type(screen.getByLabelText("2. Type the 6-digit code the app now shows."), "000000{Enter}");
    expect(await screen.findByTestId("enrolment-error")).toHaveTextContent("That code did not match");

    await user.type(screen.getByTestId("enrolment-code"), "123456{Enter}");
    const list = await screen.findByTestId("recovery-codes");
    expect(list.querySelectorAll("li")).toHaveLength(10);
    expect(list).toHaveTextContent("ABCDE-FGH00");
    const go = screen.getByRole("button", { name: "Continue to the desk" });
    expect(go).toBeDisabled();
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText("I saved my recovery codes"));
    await user.click(go);
    expect(onSignedIn).toHaveBeenCalledWith(active);
  });
});
