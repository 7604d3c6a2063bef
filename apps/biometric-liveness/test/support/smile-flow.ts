import { smileIdSignature } from "@edgekyc/platform";
import { zipSync } from "fflate";
import { base64 } from "./assure-flow.ts";
import { call, type TestPartner } from "./http.ts";

/** A fresh signature (each is accepted once), as the SDK computes it. */
export async function signed(
  partner: TestPartner,
): Promise<{ partner_id: string; timestamp: string; signature: string }> {
  const { partner_id, api_key } = partner.credentials.smileid;
  const timestamp = new Date().toISOString();
  return { partner_id, timestamp, signature: await smileIdSignature(api_key, timestamp, partner_id) };
}

/** The zip the SDK builds: info.json (base64 images inline) plus file entries for types 0/1. */
export function sdkZip(
  images: { image_type_id: number; bytes: Uint8Array }[],
  idInfo?: Record<string, string>,
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const entries = images.map((image, index) => {
    if (image.image_type_id % 2 === 0 && image.image_type_id !== 2 && image.image_type_id !== 6) {
      const file_name = `image-${index}.jpg`;
      files[file_name] = image.bytes;
      return { image_type_id: image.image_type_id, image: "", file_name };
    }
    return { image_type_id: image.image_type_id, image: base64(image.bytes), file_name: "" };
  });
  const info = {
    package_information: {
      apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 },
      language: "javascript",
    },
    misc_information: { retry: "false", file_name: "selfie.zip" },
    id_info: idInfo ?? { entered: "false" },
    images: entries,
    server_information: {},
  };
  files["info.json"] = new TextEncoder().encode(JSON.stringify(info));
  return zipSync(files, { level: 0 });
}

export interface Submission {
  smileJobId: string;
  uploadUrl: string;
  jobId: string;
  userId: string;
}

/** POST /v1/upload then PUT the zip, as the SDK does; returns the job. */
export async function submitJob(
  partner: TestPartner,
  options: {
    jobType: 1 | 2 | 4;
    userId: string;
    jobId?: string;
    zip: Uint8Array;
    idInfo?: Record<string, string>;
    callbackUrl?: string;
    /** More members of the upload request (e.g. the EdgeKYC extension `holder_key`). */
    extra?: Record<string, unknown>;
  },
): Promise<Submission> {
  const jobId = options.jobId ?? `job-${crypto.randomUUID()}`;
  const { partner_id: _omitted, ...signature } = await signed(partner);
  const res = await call("POST", "/v1/upload", {
    body: {
      ...signature,
      callback_url: options.callbackUrl ?? "https://partner.example.com/smile-callback",
      file_name: "selfie.zip",
      model_parameters: {},
      partner_params: { user_id: options.userId, job_id: jobId, job_type: options.jobType },
      smile_client_id: partner.credentials.smileid.partner_id,
      use_enrolled_image: false,
      ...(options.idInfo ?? {}),
      source_sdk: "javascript",
      source_sdk_version: "3.2.1",
      ...(options.extra ?? {}),
    },
  });
  if (res.status !== 200) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const body = await res.json<{ upload_url: string; smile_job_id: string }>();
  const put = await putZip(body.upload_url, options.zip);
  if (put.status !== 200) throw new Error(`zip: ${put.status} ${await put.text()}`);
  return { smileJobId: body.smile_job_id, uploadUrl: body.upload_url, jobId, userId: options.userId };
}

export function putZip(uploadUrl: string, zip: Uint8Array): Promise<Response> {
  const url = new URL(uploadUrl);
  return call("PUT", url.pathname, { headers: { "content-type": "application/zip" }, raw: zip });
}

export async function jobStatus(
  partner: TestPartner,
  job: { jobId: string; userId: string },
  extra: Record<string, unknown> = {},
) {
  return call("POST", "/v1/job_status", {
    body: {
      ...(await signed(partner)),
      user_id: job.userId,
      job_id: job.jobId,
      history: false,
      image_links: false,
      ...extra,
    },
  });
}
