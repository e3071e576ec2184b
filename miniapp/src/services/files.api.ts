import Taro from '@tarojs/taro';
import { ApiError, apiUrl, authHeader, badResponse, renewSession, signOutAfter, toApiError } from '@/services/http';

/** What `POST /files/images` answers (201): the upload's id, for `images` of a case or a message. */
export interface UploadedImage {
  id: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
}

/** Upload progress, 0–100. */
export type ProgressListener = (percent: number) => void;

/** An upload may be slow (a photo on a weak mobile network): longer than the JSON requests' 15 s. */
const UPLOAD_TIMEOUT_MS = 60_000;

/** The upload never got an answer: the network, or a local file that is gone (a draft's, after a restart). */
function failure(err: unknown): Error {
  const text = String((err as { errMsg?: string } | null)?.errMsg ?? err);
  if (/timeout/i.test(text)) return new ApiError(0, 'NETWORK_TIMEOUT', '网络较慢，图片上传超时，请重试');
  if (/no such file|not found|not exist|file.*(invalid|expired)/i.test(text))
    return new Error('图片文件已失效，请删除后重新选择');
  return new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，图片未上传，请检查网络后重试');
}

/** `uploadFile` answers its body as text (WeChat and H5 alike). */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

async function send(filePath: string, onProgress: ProgressListener | undefined, renewed: boolean) {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    const task = Taro.uploadFile({
      url: apiUrl('/files/images'),
      filePath,
      name: 'file',
      header: authHeader(),
      timeout: UPLOAD_TIMEOUT_MS,
    });
    // Both Taro's WeChat promise and its H5 one carry the task's methods.
    (task as Partial<Taro.UploadTask>).onProgressUpdate?.((p) => onProgress?.(p.progress));
    // Taro's H5 upload first reads the picked file, which may never answer (its timeout starts only after): give up
    // on our own clock too, so the picker shows 上传失败 with 重试 rather than 上传中 0% forever.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        (task as Partial<Taro.UploadTask>).abort?.();
        reject({ errMsg: 'uploadFile:fail timeout' });
      }, UPLOAD_TIMEOUT_MS + 5000);
    });
    try {
      res = await Promise.race([task, overdue]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    throw failure(err);
  }
  const body = parseBody(res.data);
  if (res.statusCode === 200 || res.statusCode === 201) {
    const image = body as UploadedImage | null;
    if (!image || typeof image !== 'object' || typeof image.id !== 'string') throw badResponse();
    return image;
  }
  const error = toApiError(res.statusCode, body);
  if (res.statusCode === 401 && !renewed) {
    if (await renewSession()) return send(filePath, onProgress, true);
    signOutAfter(error);
  }
  throw error;
}

function downloadFailure(err: unknown): ApiError {
  const text = String((err as { errMsg?: string } | null)?.errMsg ?? err);
  return /timeout/i.test(text)
    ? new ApiError(0, 'NETWORK_TIMEOUT', '网络较慢，下载超时，请稍后重试')
    : new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，请检查网络后重试');
}

/** The server's error body, which downloadFile saved to a file like any answer (unreadable in H5: the generic one). */
function refusal(statusCode: number, tempFilePath: string | undefined): ApiError {
  let body: unknown = null;
  try {
    if (tempFilePath) body = JSON.parse(String(Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8')));
  } catch {
    body = null;
  }
  return toApiError(statusCode, body);
}

async function download(path: string, renewed: boolean): Promise<string> {
  const res = await Taro.downloadFile({ url: apiUrl(path), header: authHeader() }).catch((err: unknown) => {
    throw downloadFailure(err);
  });
  if (res.statusCode === 200) return res.tempFilePath;
  const error = refusal(res.statusCode, res.tempFilePath);
  if (res.statusCode === 401) {
    if (!renewed && (await renewSession())) return download(path, true);
    signOutAfter(error);
  }
  throw error;
}

export const filesApi = {
  /**
   * Uploads one local image (`POST /files/images`, multipart field `file`) with the user's sign-in; on 401 the
   * session is renewed once and the upload sent again. Refusals are ApiErrors with the server's Chinese message
   * (400 not an image, 413 over 10 MB); a lost network is an ApiError with status 0.
   */
  uploadImage: (filePath: string, onProgress?: ProgressListener): Promise<UploadedImage> =>
    send(filePath, onProgress, false),
  /**
   * Downloads what an API path serves only to the signed-in (a case's image, the ledger's export) to a local file
   * (`wx.downloadFile`; in H5 a blob URL) with the user's sign-in; on 401 the session is renewed once and the download
   * sent again, else the user is signed out. Refusals carry the server's Chinese message; a lost network says so.
   */
  download: (path: string): Promise<string> => download(path, false),
};
