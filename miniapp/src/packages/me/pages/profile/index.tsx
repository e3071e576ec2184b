import { Button, Picker, Text, View } from '@tarojs/components';
import { ENTERPRISE_SCALE_LABEL, EnterpriseScale } from '@qsgj/shared/enums';
import { PROFILE_FIELD_LABEL } from '@qsgj/shared/rules';
import { caseDay } from '@/components/case-timeline/format';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { openPage, PAGES, toast } from '@/utils/routes';
import { ManyOf, OneOf, optionsOf } from './choices';
import { type ProfileForm, QUALIFICATIONS_MAX, shanghaiToday, useProfile } from './use-profile';
import './index.scss';

const SCALES: EnterpriseScale[] = [
  EnterpriseScale.MICRO,
  EnterpriseScale.SMALL,
  EnterpriseScale.MEDIUM,
  EnterpriseScale.LARGE,
];
const SCALE_OPTIONS = SCALES.map((s) => ({ value: s, label: ENTERPRISE_SCALE_LABEL[s] }));

function NotBound() {
  return (
    <View className="qs-section profile__unbound">
      <Text className="qs-section__title">还没有绑定企业</Text>
      <Text className="qs-muted">绑定企业并通过审核后，可以填写一企一档，获得精准的政策匹配。</Text>
      <Button className="qs-btn profile__bind" onClick={() => void openPage(PAGES.bind)}>
        绑定企业
      </Button>
    </View>
  );
}

function Gaps({ form }: { form: ProfileForm }) {
  if (!form.gaps.length) return null;
  return (
    <View className="profile__gaps" role="note">
      <Text className="profile__gaps-text">
        {`尚未填写：${form.gaps.map((g) => PROFILE_FIELD_LABEL[g]).join('、')}。填写完整后，为您匹配的政策更准确。`}
      </Text>
    </View>
  );
}

function Row({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <View className={`profile__row ${name}`}>
      <Text className="profile__row-label">{label}</Text>
      <Text className="profile__row-value">{value}</Text>
    </View>
  );
}

/** A plain member: the profile as text, and who can change it. */
function ReadOnly({ form }: { form: ProfileForm }) {
  const p = form.profile!;
  const none = '未填写';
  return (
    <View className="qs-section profile__readonly">
      <Row name="profile__industry" label="所属行业" value={p.industry ?? none} />
      <Row name="profile__scale" label="企业规模" value={p.scale ? ENTERPRISE_SCALE_LABEL[p.scale] : none} />
      <Row name="profile__district" label="所在区域" value={p.district ?? none} />
      <Row
        name="profile__qualifications"
        label="企业资质"
        value={p.qualifications.length ? p.qualifications.join('、') : '无'}
      />
      <Row name="profile__founded" label="成立日期" value={p.foundedOn ? caseDay(p.foundedOn) : none} />
      <Text className="qs-muted profile__owner-only">一企一档只能由企业管理员修改，如需更新请联系您企业的管理员。</Text>
    </View>
  );
}

function Editor({ form }: { form: ProfileForm }) {
  const { draft, errors, dictionaries } = form;
  if (!draft) return null;
  const d = dictionaries.values;
  return (
    <View className="qs-section profile__form">
      {dictionaries.error && (
        <View className="profile__dict-error" role="alert">
          <Text className="qs-field__error">{`选项加载失败：${dictionaries.error}`}</Text>
          <Button className="qs-btn qs-btn--plain profile__dict-retry" onClick={dictionaries.retry}>
            重新加载选项
          </Button>
        </View>
      )}
      <OneOf
        label="所属行业"
        name="profile__industry"
        value={draft.industry}
        options={optionsOf(d.industries ?? [], [draft.industry])}
        onChange={(v) => form.set('industry', v)}
        error={errors.industry}
      />
      <OneOf
        label="企业规模"
        name="profile__scale"
        value={draft.scale}
        options={SCALE_OPTIONS}
        onChange={(v) => form.setScale(v as EnterpriseScale | null)}
        error={errors.scale}
        hint="按国家统计局大中小微型企业划分标准"
      />
      <OneOf
        label="所在区域"
        name="profile__district"
        value={draft.district}
        options={optionsOf(d.districts ?? [], [draft.district])}
        onChange={(v) => form.set('district', v)}
        error={errors.district}
      />
      <ManyOf
        label="企业资质（可多选）"
        name="profile__qualifications"
        values={draft.qualifications}
        options={optionsOf(d.qualifications ?? [], draft.qualifications)}
        onChange={(v) => form.set('qualifications', v)}
        error={errors.qualifications}
        hint="没有可不选"
        max={QUALIFICATIONS_MAX}
        onTooMany={() => toast(`企业资质最多 ${QUALIFICATIONS_MAX} 项`)}
      />
      <View className="qs-field profile__founded">
        <Text className="qs-field__label">成立日期</Text>
        <Picker
          className="profile__founded-picker"
          mode="date"
          value={draft.foundedOn ?? '2015-01-01'}
          start="1900-01-01"
          end={shanghaiToday()}
          onChange={(e) => form.set('foundedOn', String(e.detail.value))}
        >
          <View
            className={`choice__value profile__founded-value${draft.foundedOn ? '' : ' choice__value--empty'}`}
            role="button"
          >
            <Text className="choice__text">{draft.foundedOn ? caseDay(draft.foundedOn) : '请选择'}</Text>
            <Text className="choice__arrow" aria-hidden="true">
              选择
            </Text>
          </View>
        </Picker>
        {errors.foundedOn && <Text className="qs-field__error profile__founded-error">{errors.foundedOn}</Text>}
      </View>

      {errors.form && (
        <View className="profile__error" role="alert">
          <Text className="qs-field__error">{errors.form}</Text>
        </View>
      )}
      <Button
        className="qs-btn profile__save"
        loading={form.busy}
        disabled={form.busy}
        onClick={() => void form.save()}
      >
        保存
      </Button>
      {form.justSaved && (
        <View className="profile__saved" role="status">
          <Text className="profile__saved-text">已保存，政策匹配已按新的档案更新。</Text>
          <Button className="qs-btn qs-btn--plain profile__matched" onClick={() => void openPage(PAGES.policies)}>
            查看为您匹配
          </Button>
        </View>
      )}
    </View>
  );
}

/** 一企一档: the enterprise's profile that policy matching reads; the owner edits it, members read it. */
function Profile() {
  const form = useProfile();
  const p = form.profile;
  if (form.notBound) return <NotBound />;
  return (
    <StateView loading={form.loading} error={form.error} onRetry={() => void form.reload()}>
      {p && (
        <>
          <View className="qs-section profile__head">
            <Text className="profile__name">{p.name}</Text>
            <Text className="qs-muted profile__code">{`统一社会信用代码 ${p.creditCode}`}</Text>
            <Text className="qs-muted">企业名称和信用代码以营业执照为准，不能在此修改。</Text>
          </View>
          <Gaps form={form} />
          {p.canEdit ? <Editor form={form} /> : <ReadOnly form={form} />}
          {!form.justSaved && !p.gaps.length && (
            <View className="qs-section">
              <Button className="qs-btn qs-btn--plain profile__matched" onClick={() => void openPage(PAGES.policies)}>
                查看为您匹配
              </Button>
            </View>
          )}
        </>
      )}
    </StateView>
  );
}

export default function ProfilePage() {
  return (
    <PageShell className="profile">
      <Profile />
    </PageShell>
  );
}
