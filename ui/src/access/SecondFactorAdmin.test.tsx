// The admin marks the roles that need a second factor and resets a person's authenticator.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import * as backend from "../api/backend";
import type { StaffMember } from "../api/backend";
import { createQueryClient } from "../api/queryClient";
import { I18nProvider } from "../i18n/I18nProvider";
import { SecondFactorAdmin } from "./SecondFactorAdmin";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
const staff: StaffMember[] = [
  { id: "s1", username: "rosa", displayName: "Rosa", role: "receptionist", active: true, secondFactor: false, providerId: null },
  { id: "s2", username: "lee", displayName: "Dr. Lee", role: "clinician", active: true, secondFactor: false, providerId: null },
];

beforeEach(() => {
  vi.resetAllMocks();
  api.getSecondFactorSettings.mockResolvedValue({ roles: ["clinician"], enrolled: ["s2"] });
  api.setSecondFactorRoles.mockResolvedValue();
  api.resetSecondFactor.mockResolvedValue();
});

function renderAdmin() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale="en">
        <SecondFactorAdmin staff={staff} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

it("shows the marked roles and saves the admin's choice", async () => {
  renderAdmin();
  const clinician = await screen.findByRole("checkbox", { name: "Clinician" });
  await waitFor(() => {
    expect(clinician).toBeChecked();
  });
  expect(screen.getByRole("checkbox", { name: "Receptionist" })).not.toBeChecked();
  const user = userEvent.setup();
  await user.click(screen.getByRole("checkbox", { name: "Receptionist" }));
  await user.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => {
    expect(api.setSecondFactorRoles).toHaveBeenCalledWith(["clinician", "receptionist"]);
  });
  expect(await screen.findByRole("status")).toHaveTextContent("next sign-in");
});

it("lists only enrolled people and resets one", async () => {
  renderAdmin();
  const button = await screen.findByRole("button", { name: "Reset the second factor of Dr. Lee" });
  expect(screen.queryByRole("button", { name: "Reset the second factor of Rosa" })).toBeNull();
  await userEvent.setup().click(button);
  await waitFor(() => {
    expect(api.resetSecondFactor).toHaveBeenCalledWith("s2");
  });
  expect(await screen.findByRole("status")).toHaveTextContent("Dr. Lee sets up a new authenticator");
});
