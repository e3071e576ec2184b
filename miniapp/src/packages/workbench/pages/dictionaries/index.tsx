import { Button, Input, Label, Switch, Text, View } from '@tarojs/components';
import { DICTIONARY_KIND_LABEL } from '@qsgj/shared/enums';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly } from '@/packages/workbench/components/policy-admin';
import { KINDS, useDictionaries } from './use-dictionaries';
import './index.scss';

/** 字典管理 (admins): the values policies, 一企一档 and subscriptions choose from. */
function Dictionaries() {
  const d = useDictionaries();
  if (!d.admin) return <AdminOnly what="字典" />;
  const label = DICTIONARY_KIND_LABEL[d.kind];
  return (
    <View className="wb-dict">
      <View className="qs-section wb-dict__tabs">
        {KINDS.map((k) => (
          <View
            key={k}
            className={`wb-dict__tab wb-dict__tab--${k}${k === d.kind ? ' wb-dict__tab--on' : ''}`}
            role="tab"
            aria-selected={k === d.kind}
            onClick={() => d.setKind(k)}
          >
            {DICTIONARY_KIND_LABEL[k]}
          </View>
        ))}
      </View>
      <View className="qs-section wb-dict__add">
        <Input
          className="qs-field__input wb-dict__add-input"
          value={d.adding}
          maxlength={d.maxLength}
          placeholder={`新增${label}`}
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': `新增${label}` }}
          onInput={(e) => d.setAdding(e.detail.value)}
          onConfirm={d.add}
        />
        <Button className="qs-btn wb-dict__add-go" disabled={d.busy} onClick={d.add}>
          添加
        </Button>
      </View>
      {d.error && (
        <View className="qs-section qs-field__error wb-dict__error" role="alert">
          {d.error}
        </View>
      )}
      <StateView
        loading={d.list.loading && !d.items.length}
        error={d.items.length ? null : d.list.error}
        empty={!d.list.loading && !d.list.error && !d.items.length}
        emptyText={`暂无${label}`}
        onRetry={() => void d.list.reload()}
      >
        <View className="qs-section wb-dict__list">
          <Text className="qs-muted wb-dict__hint">
            停用的项不再供选择，已使用它的政策和企业不受影响；重命名会同步修改所有使用处。
          </Text>
          {d.items.map((e, i) => (
            <View key={e.id} className={`wb-dict__row${e.active ? '' : ' wb-dict__row--off'}`} data-id={e.id}>
              {d.editing?.id === e.id ? (
                <View className="wb-dict__rename">
                  <Input
                    className="qs-field__input wb-dict__rename-input"
                    value={d.editing.value}
                    maxlength={d.maxLength}
                    nativeProps={{ 'aria-label': `重命名 ${e.value}` }}
                    onInput={(ev) => d.setEditValue(ev.detail.value)}
                    onConfirm={d.rename}
                  />
                  <View className="wb-dict__op wb-dict__rename-save" role="button" onClick={d.rename}>
                    保存
                  </View>
                  <View className="wb-dict__op wb-dict__rename-cancel" role="button" onClick={d.cancelRename}>
                    取消
                  </View>
                </View>
              ) : (
                <>
                  <Label className="wb-dict__toggle">
                    <View className="wb-dict__value-col">
                      <Text className="wb-dict__value">{e.value}</Text>
                      <Text className="qs-muted wb-dict__state">{e.active ? '启用' : '已停用'}</Text>
                    </View>
                    <Switch
                      className="wb-dict__active"
                      checked={e.active}
                      disabled={d.busy}
                      color="#06753d"
                      aria-label={`启用 ${e.value}`}
                      nativeProps={{ 'aria-label': `启用 ${e.value}` }}
                      onChange={() => d.toggle(e)}
                    />
                  </Label>
                  <View className="wb-dict__op wb-dict__rename-start" role="button" onClick={() => d.startRename(e)}>
                    重命名
                  </View>
                  {i > 0 && (
                    <View className="wb-dict__op wb-dict__up" role="button" onClick={() => d.move(i, -1)}>
                      上移
                    </View>
                  )}
                  {i < d.items.length - 1 && (
                    <View className="wb-dict__op wb-dict__down" role="button" onClick={() => d.move(i, 1)}>
                      下移
                    </View>
                  )}
                </>
              )}
            </View>
          ))}
        </View>
      </StateView>
    </View>
  );
}

export default function DictionariesPage() {
  return (
    <PageShell className="wb-dict-page">
      <Dictionaries />
    </PageShell>
  );
}
