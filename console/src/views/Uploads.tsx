import { useState } from "react";
import { must, readable, type Api } from "../api/client";

/** A file being sent with the next message: its upload's progress, then the check's verdict. */
export interface Upload {
  key: string;
  name: string;
  progress: number;
  attachmentId: string | null;
  status: "uploading" | "checking" | "ready" | "rejected" | "failed";
  detail: string | null;
}

const REASONS: Record<string, string> = {
  "too-large": "larger than it said", "type-mismatch": "not the type its name says", empty: "empty",
  malware: "refused by the malware scan",
};

/** Sends a file as the API asks: the presigned form's fields, then the file, straight to storage. */
function post(url: string, fields: Record<string, string>, file: File, onProgress: (share: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const form = new FormData();
    Object.entries(fields).forEach(([name, value]) => form.append(name, value));
    form.append("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve()
      : reject(new Error(`The file was refused by storage (HTTP ${request.status}).`)));
    request.onerror = () => reject(new Error("The file could not be sent."));
    request.send(form);
  });
}

/**
 * The files to attach to the next message: each asked for (the API pins its name, type and size),
 * sent to storage with progress, then watched until the check says ready or rejected.
 */
export function useUploads(api: Api, ticketId: string) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const add = (files: FileList) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${Math.random().toString(36).slice(2)}`;
      setUploads((all) => [...all, { key, name: file.name, progress: 0, attachmentId: null, status: "uploading", detail: null }]);
      void (async () => {
        try {
          const created = must(await api.POST("/support/tickets/{ticket_id}/attachments", {
            params: { path: { ticket_id: ticketId } },
            body: { filename: file.name, content_type: file.type || "application/octet-stream", size: file.size },
          }));
          const id = created.attachment.attachment_id;
          update(key, { attachmentId: id });
          await post(created.upload.url, created.upload.fields, file, (share) => update(key, { progress: share }));
          update(key, { status: "checking", progress: 1 });
          for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
            const seen = must(await api.GET("/support/tickets/{ticket_id}/attachments/{attachment_id}", {
              params: { path: { ticket_id: ticketId, attachment_id: id } },
            })).attachment;
            if (seen.status !== "uploading") {
              update(key, { status: seen.status, detail: seen.rejection_reason ? REASONS[seen.rejection_reason] : null });
              return;
            }
            await new Promise((r) => setTimeout(r, wait));
          }
        } catch (failure) {
          update(key, { status: "failed", detail: readable(failure) });
        }
      })();
    }
  };

  const ready = uploads.filter((u) => u.status === "ready" && u.attachmentId).map((u) => u.attachmentId as string);
  const busy = uploads.some((u) => u.status === "uploading" || u.status === "checking");
  return { uploads, add, ready, busy, clear: () => setUploads([]),
    remove: (key: string) => setUploads((all) => all.filter((u) => u.key !== key)) };
}

export function UploadList(props: { uploads: Upload[]; onRemove: (key: string) => void }) {
  if (props.uploads.length === 0) {
    return null;
  }
  return (
    <ul className="uploads" aria-label="Files to send">
      {props.uploads.map((u) => (
        <li key={u.key} className={`upload ${u.status}`}>
          <span className="name">{u.name}</span>
          {u.status === "uploading" ? (
            <progress max={1} value={u.progress} aria-label={`Sending ${u.name}`} />
          ) : (
            <span className="verdict" role="status">
              {u.status === "checking" ? "Checking…" : u.status === "ready" ? "Ready"
                : u.status === "rejected" ? `Not accepted: ${u.detail ?? "rejected"}` : (u.detail ?? "Failed")}
            </span>
          )}
          <button type="button" className="secondary" onClick={() => props.onRemove(u.key)}
            aria-label={`Remove ${u.name}`}>Remove</button>
        </li>
      ))}
    </ul>
  );
}
